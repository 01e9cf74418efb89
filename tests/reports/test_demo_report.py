"""`render_report --year 2025` on the demo data (seed_demo back-dates its history).

The report as of 31.12.2025 shows the statewide values of 2025 in the body, leaves out what the
demo created later (the demo roadmaps, published "today") and never prints a value that was
archived at the Stichtag (here: an import of 2025 that was rolled back in 2025).
"""

import csv
import datetime
import io
import shutil
import subprocess

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from monitoring.models import IndicatorValue
from monitoring.services import import_batch_confirm, import_batch_create, import_batch_rollback
from ris_portal.seed import seed_all

# pytest-django sets up the test database only for a run with a test marked django_db: without
# the mark this module, run alone, found no tables.
# One process renders the module's PDF once (module fixture): `make test` keeps the module's
# tests together instead of spreading them over its parallel processes.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-report")]


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker, tmp_path_factory):
    target = tmp_path_factory.mktemp("demo") / "bericht-2025.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        accounts = seed_all()
        staff = accounts["staff"]
        with time_machine.travel(timezone.make_aware(datetime.datetime(2025, 3, 2, 10))):
            batch, preview = import_batch_create(
                kind="indicator-values",
                file_name="falsch.csv",
                content=b"Indikator;Jahr;Wert\nCTX-POP;2025;9999,99\n",
                user=staff,
            )
            assert batch is not None, preview.error_messages
            import_batch_confirm(batch=batch, user=staff)
        with time_machine.travel(timezone.make_aware(datetime.datetime(2025, 3, 9, 10))):
            import_batch_rollback(batch=batch, user=staff)
        out = io.StringIO()
        call_command("render_report", "--year", "2025", "--output", str(target), stdout=out)
        archived = list(IndicatorValue.objects.filter(is_archived=True).values_list("value"))
        transaction.set_rollback(True)
    content = target.read_bytes()
    reader = PdfReader(io.BytesIO(content))
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
    else:  # pypdf reads the text too (in a slightly different order of the table cells)
        text = "\n".join(page.extract_text() for page in reader.pages)
    attachment = next(iter(reader.attachments.values()))[0].decode("utf-8-sig")
    return {
        "output": out.getvalue(),
        "flat": " ".join(text.split()),
        "csv": list(csv.DictReader(io.StringIO(attachment), delimiter=";")),
        "archived": archived,
    }


def test_it_reports_as_of_31_december_2025(demo_report):
    assert "Stichtag 31.12.2025" in demo_report["output"]


def test_it_shows_the_statewide_values_of_2025_in_the_body(demo_report):
    body = demo_report["flat"].split("Thüringen im Überblick Die landesweiten")[1]
    overview = body.split("Die Spezialisierungsfelder im Überblick")[0]
    # FuE-Quote (sample): 2,87 % in 2025 against the target path to 3 % in 2027.
    assert "CTX-RD-GDP" in overview and "2025 2,87 (vorläufig)" in overview
    assert "MON-FUNDING" in overview and "MON-RD-PROJECTS" in overview
    statewide = {
        row["Code"]
        for row in demo_report["csv"]
        if row["Abschnitt"] == "Thüringen im Überblick"
        and row["Merkmal"] == "Ist-Wert"
        and row["Jahr oder Zeitraum"] == "2025"
    }
    assert {"CTX-RD-GDP", "CTX-PAT-DPMA", "MON-FUNDING", "MON-RD-PROJECTS"} <= statewide


def test_it_leaves_out_what_was_created_after_the_stichtag(demo_report):
    flat = demo_report["flat"]
    assert "Demo-Roadmap Grüner Wasserstoff regional" not in flat  # published "today"
    assert "Demo: Weiterbildungsreihe Lasertechnik" not in flat
    assert not any("Demo-Roadmap" in row["Gegenstand"] for row in demo_report["csv"])
    # Content the demo dates back to 2021 is there.
    assert "Optik/Photonik" in flat and "[Beispiel]" in flat


def test_it_never_prints_a_value_archived_at_the_stichtag(demo_report):
    assert len(demo_report["archived"]) == 1  # the rolled-back import
    assert "9.999,99" not in demo_report["flat"]
    assert not any(row["Wert"].startswith("9999.99") for row in demo_report["csv"])
    assert not any(
        row["Code"] == "CTX-POP" and row["Merkmal"] == "Ist-Wert" for row in demo_report["csv"]
    )


def test_it_prints_the_offices_assessment_written_before_the_stichtag(demo_report):
    flat = demo_report["flat"]
    assert flat.count("Einschätzung der Geschäftsstelle") >= 3  # Thüringen, IPS, Governance
    assert "FuE-Quote nähert sich dem Ziel von 3 %" in flat


def test_its_appendix_lists_the_gaps_of_2025_at_the_stichtag(demo_report):
    gaps = [row for row in demo_report["csv"] if row["Abschnitt"] == "Datenlücken"]
    missing = {(r["Code"], r["Jahr oder Zeitraum"]) for r in gaps if r["Wert"] == "fehlt"}
    assert missing == {("MON-ACTORS", "2025")}
    provisional = {r["Code"] for r in gaps if r["Wert"] == "vorläufig"}
    assert {"CTX-RD-GDP", "MON-FUNDING", "MON-RD-PROJECTS"} <= provisional
    assert "Anhang: Lücken in den Indikatorwerten" in demo_report["flat"]


def test_it_prints_no_english_or_raw_text(demo_report):
    """Issue 10: EU indicator names in English, "RIS3 profile (year n/a)" in the column Einheit."""
    from monitoring.seed import GERMAN_NAMES, GERMAN_UNITS
    from ris_portal.seed import seed_data

    rows = demo_report["csv"]
    names = {row["Code"]: row["Gegenstand"] for row in rows if row["Objektart"] == "Indikator"}
    eu = [item for item in seed_data()["indicators"] if item["code"].startswith(("RCO", "RCR"))]
    assert len(eu) >= 20 and all(item["code"] in names for item in eu)
    for item in eu:  # the wording of the German version of Regulation (EU) 2021/1058
        assert names[item["code"]] == item.get("name_de") or GERMAN_NAMES[item["code"]]
    assert names["RCR06"] == "Eingereichte Patentanmeldungen"
    english = {item["name_en"] for item in seed_data()["indicators"] if item.get("name_en")}
    texts = [demo_report["flat"], *(value for row in rows for value in row.values())]
    for text in texts:
        assert not any(name in text for name in english if len(name) > 12), text
        assert "RIS3 profile" not in text and "n/a" not in text, text
    assert not {row["Einheit"] for row in rows} & set(GERMAN_UNITS)
    # Key figures: the period is in "Jahr oder Zeitraum", never in "Einheit".
    figures = [row for row in rows if row["Objektart"] == "Kennzahl"]
    assert figures and all(row["Einheit"] == "" for row in figures)
    periods = {row["Jahr oder Zeitraum"] for row in figures}
    assert "RIS3-Feldprofil (Jahr nicht angegeben)" in periods
    assert "RIS3-Feldprofil (Jahr nicht angegeben)" in demo_report["flat"]
    assert "Eingereichte Patentanmeldungen" in demo_report["flat"]
