"""The Stichtag: a report shows everything as it stood at the end of that day, from the history.

Data is written "in the past" with time-machine, so that its history records carry past dates,
then changed later; the report as of the Stichtag must show the older state, and rendering the
same year and Stichtag again after later changes must give the same text and the same CSV.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from fields.models import Roadmap, Theme
from monitoring.models import Activity, IndicatorValue
from monitoring.services import import_batch_confirm, import_batch_create, import_batch_rollback
from reports import services
from reports.content import ReportSpec, build_report_content
from reports.models import Report
from reports.pdf import content_csv
from tests.conftest import client_for
from tests.factories import (
    ActionFieldFactory,
    IndicatorFactory,
    MeasureFactory,
    RoadmapFactory,
    ThemeFactory,
)
from tests.governance.factories import ReviewItemFactory, ReviewRoundFactory
from tests.monitoring.factories import IndicatorValueFactory
from tests.reports.factories import ReportFactory
from tests.reports.timeline import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cast_since_2020")]

STICHTAG = datetime.date(2025, 12, 31)


def content(stichtag=STICHTAG, year=2025):
    return build_report_content(ReportSpec(year=year, title="Bericht", stichtag=stichtag))


def csv_text(report_content) -> str:
    return content_csv(report_content).decode("utf-8-sig")


def texts(report_content) -> str:
    """Everything the chapters print, rendered as in the PDF (without drawing it)."""
    from reports.pdf import ReportRenderer

    return ReportRenderer().html(report_content)


def _indicator():
    return IndicatorFactory(
        code="ST-1", name="Stichtagsindikator", kind="output", level="land", unit="Anzahl"
    )


def test_values_corrected_later_show_the_value_known_at_the_stichtag(cast):
    with at(datetime.date(2025, 3, 1)):
        indicator = _indicator()
        value = IndicatorValueFactory(indicator=indicator, year=2025, value=100)
    with at(datetime.date(2026, 4, 1)):
        value.value = Decimal("250")
        value.change_reason = "Nachmeldung des Landesamts"
        value.save()
    before = [r for r in content().data.rows if r[5] == "ST-1" and r[7] == "Ist-Wert"]
    assert [r[9] for r in before] == ["100"]
    after = content(stichtag=datetime.date(2026, 4, 30))
    assert [r[9] for r in after.data.rows if r[5] == "ST-1" and r[7] == "Ist-Wert"] == ["250"]


def test_objects_created_after_the_stichtag_are_absent(cast):
    with at(datetime.date(2025, 5, 1)):
        theme = ThemeFactory(field=cast.field_a, name="Thema von 2025", status="aktiv")
        roadmap = RoadmapFactory(
            network__theme=theme, title="Roadmap 2025", status=Roadmap.Status.PUBLISHED
        )
        action_field = ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld")
        MeasureFactory(action_field=action_field, title="Maßnahme von 2025")
    with at(datetime.date(2026, 11, 15)):
        ThemeFactory(field=cast.field_a, name="Thema von 2026", status="aktiv")
        MeasureFactory(action_field=action_field, title="Maßnahme von 2026")
        RoadmapFactory(
            network__theme=theme,
            title="Roadmap veröffentlicht 2026",
            status=Roadmap.Status.PUBLISHED,
        )
    html = texts(content())
    assert "Thema von 2025" in html and "Maßnahme von 2025" in html
    for later in ("Thema von 2026", "Maßnahme von 2026", "Roadmap veröffentlicht 2026"):
        assert later not in html, later


def test_changed_and_archived_objects_appear_as_they_stood(cast):
    with at(datetime.date(2025, 2, 1)):
        theme = ThemeFactory(field=cast.field_a, name="Alter Name", status="aktiv")
        gone = ThemeFactory(field=cast.field_a, name="Später archiviert", status="aktiv")
        value = IndicatorValueFactory(indicator=_indicator(), year=2024, value=5)
    with at(datetime.date(2026, 2, 1)):
        theme.name = "Neuer Name"
        theme.status = Theme.Status.DORMANT
        theme.save()
        gone.is_archived = True
        gone.save()
        value.is_archived = True
        value.save()
    html = texts(content())
    assert "Alter Name" in html and "Neuer Name" not in html
    assert "Später archiviert" in html
    assert any(r[5] == "ST-1" and r[9] == "5" for r in content().data.rows)
    report_2026 = content(stichtag=datetime.date(2026, 12, 31), year=2026)
    html_2026 = texts(report_2026)
    assert "Alter Name" not in html_2026 and "Später archiviert" not in html_2026
    assert not any(r[5] == "ST-1" and r[7] == "Ist-Wert" for r in report_2026.data.rows)


def _round_item_count(html: str, title: str) -> str:
    """The "Gegenstände" cell of a round in the table of review rounds."""
    row = re.search(rf"<td>{re.escape(title)}</td><td>[^<]*</td><td class=\"num\">(\d+)</td>", html)
    assert row, f"no row for {title}"
    return row.group(1)


def test_review_rounds_count_their_items_as_they_stood(cast):
    with at(datetime.date(2025, 5, 1)):
        themes = [ThemeFactory(field=cast.field_a, status="aktiv") for _ in range(3)]
        round_ = ReviewRoundFactory(
            body=cast.board_a, title="Runde zum Stichtag", created_by=cast.staff, themes=themes[:2]
        )
    with at(datetime.date(2026, 2, 1)):
        ReviewItemFactory(round=round_, theme=themes[2], order=3)
    assert _round_item_count(texts(content()), "Runde zum Stichtag") == "2"
    later = content(stichtag=datetime.date(2026, 2, 28))
    assert _round_item_count(texts(later), "Runde zum Stichtag") == "3"


def test_the_same_year_and_stichtag_give_the_same_text_and_csv(cast):
    with at(datetime.date(2025, 6, 1)):
        indicator = _indicator()
        IndicatorValueFactory(indicator=indicator, year=2025, value=42)
        ThemeFactory(field=cast.field_b, name="Beständiges Thema", status="highlight")
    first = content()
    with at(datetime.date(2026, 3, 1)):
        IndicatorValue.objects.filter(indicator=indicator).update(value=43)  # no history: unseen
        value = IndicatorValue.objects.get(indicator=indicator)
        value.value = Decimal("44")
        value.save()
        ThemeFactory(field=cast.field_b, name="Neues Thema", status="aktiv")
    second = content()
    assert texts(second) == texts(first)
    assert csv_text(second) == csv_text(first)


IMPORT = (
    "Kennung;Art;Titel;Beginn;Felder;Fördersumme\n"
    "IMP-1;Studie;Importierte Studie;01.03.2025;FA;1000\n"
    "IMP-2;Studie;Zweite Studie;01.04.2025;FB;2000\n"
)
VALUES = "Indikator;Feld;Jahr;Wert;Status\nST-1;;2025;77;vorläufig\nST-1;FA;2025;7;vorläufig\n"


def _import(kind, text, user):
    batch, preview = import_batch_create(
        kind=kind, file_name="datei.csv", content=text.encode(), user=user
    )
    assert batch is not None, preview.error_messages
    return import_batch_confirm(batch=batch, user=user)


def test_an_import_then_a_rollback_are_seen_at_their_dates(cast):
    with at(datetime.date(2025, 6, 1)):
        _indicator()
        activities = _import("activities", IMPORT, cast.staff)
        values = _import("indicator-values", VALUES, cast.staff)
    with at(datetime.date(2026, 2, 1)):
        import_batch_rollback(batch=activities, user=cast.staff)
        import_batch_rollback(batch=values, user=cast.staff)
    report = content()
    html = texts(report)
    # The import wrote history (bulk_create_with_history) including the activities' fields.
    sections = {s.key: s for s in report.sections}
    assert "Importierte Studie" in html and "Zweite Studie" in html
    assert [a.title for a in sections["feld-feld-a"].context["activities"]["listed"]] == [
        "Importierte Studie"
    ]
    values_2025 = {(r[2], r[9]) for r in report.data.rows if r[5] == "ST-1" and r[7] == "Ist-Wert"}
    assert values_2025 == {("", "77"), ("FA", "7")}
    # After the rollback (archived rows), a report as of 2026 shows none of it.
    later = content(stichtag=datetime.date(2026, 3, 1))
    assert "Importierte Studie" not in texts(later)
    assert not any(r[5] == "ST-1" and r[7] == "Ist-Wert" for r in later.data.rows)
    assert Activity.objects.filter(is_archived=True).count() == 2


def test_staff_request_a_report_with_a_stichtag(client, cast, django_capture_on_commit_callbacks):
    client_for(client, cast.staff)
    url = reverse("reports:report_request")
    with django_capture_on_commit_callbacks():
        client.post(url, {"year": 2025, "kind": "jahresbericht", "stichtag": "2026-03-31"})
        client.post(url, {"year": 2024, "kind": "jahresbericht", "stichtag": ""})
    assert dict(Report.objects.values_list("year", "stichtag")) == {
        2025: datetime.date(2026, 3, 31),
        2024: datetime.date(2024, 12, 31),
    }
    response = client.post(
        url, {"year": 2025, "kind": "jahresbericht", "stichtag": "2024-12-31"}, follow=True
    )
    assert "Der Stichtag darf nicht vor dem Berichtsjahr liegen." in response.content.decode()
    assert Report.objects.count() == 2
    detail = client.get(Report.objects.get(year=2025).get_absolute_url()).content.decode()
    assert "31.03.2026" in detail


def test_the_renderer_uses_the_stored_stichtag(cast, monkeypatch):
    seen = []
    monkeypatch.setattr(services, "render_report_pdf", lambda spec: seen.append(spec) or 1 / 0)
    report = ReportFactory(
        status=Report.Status.REQUESTED,
        year=2025,
        title="Monitoringbericht 2025",
        stichtag=datetime.date(2026, 3, 31),
    )
    with pytest.raises(ZeroDivisionError):
        services.report_render(report_id=report.pk)
    assert seen[0].stichtag == datetime.date(2026, 3, 31) and seen[0].year == 2025


def test_render_report_takes_a_stichtag(cast, tmp_path, monkeypatch):
    from reports.management.commands import render_report

    seen = []

    class Rendered:
        pages, chart_count, size, sha256, content = 1, 0, 1, "x", b"%PDF-"

    monkeypatch.setattr(render_report, "render_report_pdf", lambda s: seen.append(s) or Rendered)
    out = tmp_path / "b.pdf"
    call_command("render_report", "--year", "2025", "--stichtag", "2026-03-31", "--output", out)
    assert seen[0].cutoff == datetime.date(2026, 3, 31)
    call_command("render_report", "--year", "2025", "--output", out)
    assert seen[1].cutoff == datetime.date(2025, 12, 31)
    from django.core.management.base import CommandError

    for wrong in ("31.03.2026", "2024-12-31"):
        with pytest.raises(CommandError):
            call_command("render_report", "--year", "2025", "--stichtag", wrong, "--output", out)
