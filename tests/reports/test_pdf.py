"""The rendered report read back with pypdf and pdftotext: content, metadata, tags, CSV."""

import csv
import datetime
import io
import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import resolve
from django.utils import timezone
from pypdf import PdfReader

from fields.models import Measure, Roadmap, SpecializationField, Theme
from governance.models import Body, Decision
from monitoring.models import Activity, Indicator, IndicatorValue
from reports.content import ReportSpec
from reports.pdf import RefusedURL, RestrictedURLFetcher, render_report_pdf, static_root
from tests.factories import (
    ActionFieldFactory,
    IndicatorFactory,
    MeasureFactory,
    RoadmapFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import DecisionFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, TargetFactory

# One process renders the module's PDF once (module fixture): `make test` keeps the module's
# tests together instead of spreading them over its parallel processes.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("report-pdf")]


def _seed_report_world():
    from ris_portal.seed import seed_all

    seed_all()
    field = SpecializationField.objects.order_by("order").first()
    theme = Theme.objects.filter(field=field).first()
    theme.status = Theme.Status.HIGHLIGHT
    theme.save()
    network = ValueNetworkFactory(theme=theme, slug="netz-bericht", name="Netz Bericht")
    roadmap = RoadmapFactory(
        network=network, title="Roadmap Photonik 2030", status=Roadmap.Status.PUBLISHED
    )
    action_field = ActionFieldFactory(roadmap=roadmap, title="Fachkräfte sichern")
    MeasureFactory(
        action_field=action_field,
        title="Weiterbildungsverbund Optik",
        status=Measure.Status.RUNNING,
    )
    MeasureFactory(
        action_field=action_field, title="Gründerwerkstatt Sensorik", status=Measure.Status.DONE
    )
    indicator = IndicatorFactory(
        code="RIS-TEST-1",
        name="Anteil FuE-Ausgaben am BIP",
        unit="%",
        kind=Indicator.Kind.CONTEXT,
        level=Indicator.Level.FIELD,
        source="Statistisches Landesamt Thüringen",
    )
    TargetFactory(
        indicator=indicator,
        field=field,
        baseline_year=2020,
        baseline_value=100,
        target_year=2030,
        target_value=200,
    )
    # Planned for 2025: 150; 98765.4 is far above the path ("über Plan").
    IndicatorValueFactory(
        indicator=indicator,
        field=field,
        year=2025,
        value="98765.4",
        status=IndicatorValue.Status.FINAL,
    )
    activity = ActivityFactory(
        unfunded=True,
        kind=Activity.Kind.choices[0][0],
        title="Transferwerkstatt Quantenoptik",
        start_date="2025-03-01",
        funding_amount=125000,
        funding_source=Activity.FundingSource.choices[0][0],
    )
    activity.fields.add(field)
    DecisionFactory(
        body=Body.objects.filter(kind=Body.Kind.STEERING).first(),
        title="Roadmap Photonik 2030 beschlossen",
        outcome=Decision.Outcome.APPROVED,
        decided_at=datetime.datetime(2025, 6, 1, 10, tzinfo=datetime.UTC),
        votes_yes=9,
    )
    return [f.name for f in SpecializationField.objects.order_by("order")], theme.name


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    """Render once for the whole module against seeded data, then roll the data back."""
    with django_db_blocker.unblock(), transaction.atomic():
        field_names, highlight = _seed_report_world()
        key_figure = SpecializationField.objects.order_by("order").first().key_figures[0]
        # Stichtag today: the data above was written just now (tests of the Stichtag itself
        # are in test_stichtag.py).
        rendered = render_report_pdf(
            ReportSpec(year=2025, title="Monitoringbericht 2025", stichtag=timezone.localdate())
        )
        transaction.set_rollback(True)
    text = ""
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"],
            input=rendered.content,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
    return {
        "rendered": rendered,
        "reader": PdfReader(io.BytesIO(rendered.content)),
        "text": text,
        "flat": " ".join(text.split()),
        "field_names": field_names,
        "highlight": highlight,
        "key_figure": key_figure,
    }


def _require_pdftotext():
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")


def test_it_names_all_five_fields(report):
    _require_pdftotext()
    assert len(report["field_names"]) == 5
    for name in report["field_names"]:
        assert name in report["flat"], name


def test_it_prints_values_from_the_database(report):
    _require_pdftotext()
    figure = report["key_figure"]
    formatted = f"{int(figure['value']):,}".replace(",", ".")
    assert formatted in report["flat"]
    assert "RIS-TEST-1" in report["flat"]
    assert "Anteil FuE-Ausgaben am BIP" in report["flat"]
    assert "Weiterbildungsverbund Optik" in report["flat"]
    assert report["highlight"] in report["flat"]


def test_it_has_page_numbers_in_the_footer_and_the_table_of_contents(report):
    _require_pdftotext()
    pages = report["rendered"].pages
    assert pages == len(report["reader"].pages)
    assert f"Seite 2 von {pages}" in report["flat"]
    assert f"Seite {pages} von {pages}" in report["flat"]
    toc_page = report["reader"].pages[1].extract_text()
    first_field = report["field_names"][0]
    # The TOC line of the first field ends with the page number its chapter starts on.
    match = re.search(rf"1\. {re.escape(first_field)}[ .]*(\d+)", " ".join(toc_page.split()))
    assert match, toc_page
    chapter_page = int(match[1])
    assert first_field in report["reader"].pages[chapter_page - 1].extract_text()


def test_it_prints_the_years_indicator_values_with_target_and_status(report):
    _require_pdftotext()
    assert "RIS-TEST-1" in report["flat"]
    assert "98.765,4" in report["flat"]
    assert "über Plan" in report["flat"]


def test_it_lists_the_years_activities(report):
    _require_pdftotext()
    assert "Transferwerkstatt Quantenoptik" in report["flat"]


def test_it_declares_pdfa_3a_in_the_xmp_metadata(report):
    xmp = report["reader"].trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    assert "Monitoringbericht 2025" in xmp


def test_it_is_tagged_with_language_title_and_bookmarks(report):
    reader = report["reader"]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "de"
    assert reader.metadata.title == "Monitoringbericht 2025"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles.index("Thüringen im Überblick") < titles.index(
        "Die Spezialisierungsfelder im Überblick"
    )
    assert any(report["field_names"][0] in title for title in titles)


def test_it_embeds_all_fonts(report):
    reader = report["reader"]
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert any("Fira-Sans" in name for name in fonts)


def test_it_attaches_the_data_as_csv(report):
    attachments = report["reader"].attachments
    assert "ris-monitoring-2025-daten.csv" in attachments
    data = attachments["ris-monitoring-2025-daten.csv"][0].decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Abschnitt;Spezialisierungsfeld")
    for name in report["field_names"]:
        assert name in data
    assert "RIS-TEST-1" in data
    assert data == report["rendered"].csv.decode("utf-8-sig")


def _csv_rows(report) -> list[dict]:
    data = report["rendered"].csv.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data), delimiter=";"))


def test_the_csv_rows_carry_kind_id_code_and_portal_link(report):
    rows = _csv_rows(report)
    [line] = [r for r in rows if r["Gegenstand"] == "Weiterbildungsverbund Optik"]
    assert line["Objektart"] == "Maßnahme" and line["ID"].isdigit()
    assert line["Link"] == f"{settings.SITE_URL}/massnahmen/{line['ID']}/"
    values = [r for r in rows if r["Code"] == "RIS-TEST-1" and r["Merkmal"] == "Ist-Wert"]
    assert [(v["Jahr oder Zeitraum"], v["Wert"], v["Einheit"]) for v in values] == [
        ("2025", "98765.4", "%")
    ]
    assert values[0]["Link"] == f"{settings.SITE_URL}/indikatoren/RIS-TEST-1/"
    # Key figures: the period is a period, not a unit.
    figure = next(r for r in rows if r["Objektart"] == "Kennzahl")
    assert figure["Einheit"] == "" and figure["Jahr oder Zeitraum"]


def test_it_links_indicators_measures_and_decisions_to_the_portal(report):
    uris = set()
    for page in report["reader"].pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                uris.add(str(annotation["/A"].get("/URI", "")))
    site = settings.SITE_URL
    assert f"{site}/indikatoren/RIS-TEST-1/" in uris
    assert f"{site}/indikatoren/CTX-RD-GDP/" in uris  # a statewide indicator
    assert any(re.fullmatch(rf"{site}/massnahmen/\d+/", u) for u in uris)
    assert any(re.fullmatch(rf"{site}/gremien/beschluesse/\d+/", u) for u in uris)
    for uri in uris:  # every link is a page of the portal
        if uri.startswith(site):
            resolve(urlparse(uri).path)


def test_it_opens_with_the_statewide_values_of_the_year(report):
    _require_pdftotext()
    flat = report["flat"]
    chapter = flat.split("Thüringen im Überblick Die landesweiten")[1].split(
        "Die Spezialisierungsfelder im Überblick"
    )[0]
    # Seeded sample: FuE-Quote 2,45 % in 2021, +4 % a year -> 2,87 % in 2025, target 3 % (2027).
    assert "CTX-RD-GDP" in chapter and "2,87" in chapter
    assert "Ziel 3 bis 2027" in chapter
    for year in range(2021, 2026):
        assert str(year) in chapter


def test_it_draws_charts_with_text_alternatives(report):
    assert report["rendered"].chart_count >= 15
    _require_pdftotext()
    assert "Daten zum Diagramm „Themen je Spezialisierungsfeld“" in report["flat"]


def test_the_fetcher_refuses_files_outside_static_and_the_network():
    fetcher = RestrictedURLFetcher()
    for url in (
        "file:///etc/passwd",
        "http://example.org/logo.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
        (static_root() / ".." / "manage.py").as_uri(),
        f"file://{static_root()}/../manage.py",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_the_fetcher_allows_static_files_and_data_uris():
    fetcher = RestrictedURLFetcher()
    response = fetcher.fetch((static_root() / "vendor" / "fonts" / "LICENSE").as_uri())
    assert response.read()
    response.close()
    data = fetcher.fetch("data:text/plain;base64,SGFsbG8=")
    assert data.read() == b"Hallo"
    data.close()


def test_a_template_cannot_pull_local_files_into_the_pdf():
    from weasyprint import HTML

    html = '<html lang="de"><body><p>x</p><img alt="geheim" src="file:///etc/passwd"></body></html>'
    pdf = HTML(string=html, url_fetcher=RestrictedURLFetcher()).write_pdf()
    assert b"root:" not in pdf
