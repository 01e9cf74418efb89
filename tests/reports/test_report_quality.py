"""In the report: the office's assessments (as of the Stichtag), the gaps of the data in the
appendix, and the final report over a span of years with multi-year tables."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports import services
from reports.content import ReportSpec, build_report_content
from reports.models import Narrative, Report
from reports.narratives import ChapterRef, narrative_save
from reports.pdf import ReportRenderer, content_csv
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, ValidationRuleFactory
from tests.reports.factories import ReportFactory
from tests.reports.timeline import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cast_since_2020")]


def build(year=2025, stichtag=datetime.date(2026, 3, 31), **spec):
    return build_report_content(ReportSpec(year=year, title="Bericht", stichtag=stichtag, **spec))


def section(content, key):
    return next(s for s in content.sections if s.key == key)


def csv_rows(content, section_name):
    lines = content_csv(content).decode("utf-8-sig").splitlines()
    return [line.split(";") for line in lines if line.startswith(section_name + ";")]


# --- the assessments --------------------------------------------------------------------------
def test_each_chapter_starts_with_the_assessment_as_it_stood_on_the_stichtag(cast):
    field_ref = ChapterRef(Narrative.Chapter.FIELD, cast.field_a)
    with at(datetime.date(2026, 3, 20)):
        narrative_save(kind="jahresbericht", year=2025, ref=ChapterRef("thueringen"), text="Alt")
        narrative_save(kind="jahresbericht", year=2025, ref=field_ref, text="Feld *A* wächst.")
        narrative_save(
            kind="jahresbericht",
            year=2025,
            ref=ChapterRef("governance"),
            text='Gremien <script>alert("x")</script>tagen.',
        )
    with at(datetime.date(2026, 4, 2)):
        narrative_save(
            kind="jahresbericht",
            year=2025,
            ref=ChapterRef("thueringen"),
            text="Neu nach dem Stichtag",
            expected_version=1,
        )

    content = build()
    assert section(content, "ueberblick").context["narrative"] == "Alt"
    assert section(content, "feld-feld-a").context["narrative"] == "Feld *A* wächst."
    assert section(content, "feld-feld-b").context["narrative"] == ""
    html = ReportRenderer().html(content)
    assert "Einschätzung der Geschäftsstelle" in html
    assert "Feld <em>A</em> wächst." in html
    assert "<script>" not in html and "Gremien" in html
    assert "Neu nach dem Stichtag" not in html
    # Rendering the same Stichtag again gives the same text; a later Stichtag the newer one.
    assert ReportRenderer().html(build()).count("Alt") == html.count("Alt")
    later = build(stichtag=datetime.date(2026, 4, 30))
    assert section(later, "ueberblick").context["narrative"] == "Neu nach dem Stichtag"
    # The final report of the same year has texts of its own.
    final = build(kind="abschlussbericht", start_year=2021)
    assert section(final, "ueberblick").context["narrative"] == ""


# --- the gaps of the data ---------------------------------------------------------------------
def test_the_appendix_lists_the_gaps_as_they_stood_on_the_stichtag(cast):
    with at(datetime.date(2025, 2, 1)):
        indicator = IndicatorFactory(
            code="GAP-1", name="Lückenindikator", kind="output", level="land", unit="Anzahl"
        )
        rule = ValidationRuleFactory(indicator=indicator, first_year=2024)
        rule.required_fields.set([cast.field_a])
        rule.save()
        IndicatorValueFactory(indicator=indicator, year=2025, value=5)  # provisional
    with at(datetime.date(2026, 6, 1)):  # delivered after the Stichtag
        IndicatorValueFactory(
            indicator=indicator, field=cast.field_a, year=2025, value=2, status="endgueltig"
        )

    content = build()
    gaps = section(content, "datenluecken")
    assert [(i["row"].scope_label, i["cell"].year) for t in gaps.context["missing"] for i in t] == [
        ("Feld A", 2025)
    ]
    assert gaps.context["provisional_count"] == 1
    rows = csv_rows(content, "Datenlücken")
    assert {(r[1], r[5], r[8], r[9]) for r in rows} == {
        ("Feld A", "GAP-1", "2025", "fehlt"),
        ("Thüringen", "GAP-1", "2025", "vorläufig"),
    }
    html = ReportRenderer().html(content)
    assert "Anhang: Lücken in den Indikatorwerten" in html and "GAP-1" in html
    later = build(stichtag=datetime.date(2026, 6, 30))
    assert section(later, "datenluecken").context["missing_count"] == 0


# --- the final report over a span -------------------------------------------------------------
def test_the_final_report_has_multi_year_tables_of_values_activities_and_funding(cast):
    with at(datetime.date(2021, 1, 10)):
        indicator = IndicatorFactory(
            code="SPAN-1", name="Spannenindikator", kind="output", level="land", unit="Anzahl"
        )
        for year, value in ((2021, 10), (2022, 12), (2024, 15)):
            IndicatorValueFactory(indicator=indicator, year=year, value=value, status="endgueltig")
        IndicatorValueFactory(indicator=indicator, field=cast.field_b, year=2023, value=4)
        both = ActivityFactory(
            unfunded=True,
            kind="fue-projekt",
            title="Verbund über zwei Felder",
            start_date=datetime.date(2022, 5, 1),
            end_date=datetime.date(2024, 4, 30),
            funding_amount=Decimal("3000000"),
        )
        both.fields.set([cast.field_a, cast.field_b])
        both.save()
        single = ActivityFactory(
            unfunded=True,
            kind="studie",
            title="Studie",
            start_date=datetime.date(2023, 2, 1),
            funding_amount=Decimal("500000"),
        )
        single.fields.set([cast.field_a])
        single.save()

    content = build(
        year=2024, stichtag=datetime.date(2024, 12, 31), kind="abschlussbericht", start_year=2021
    )
    period = section(content, "berichtszeitraum")
    assert period.title == "Entwicklung 2021–2024"
    running, funding = period.context["activity_tables"]
    assert running.years == [2021, 2022, 2023, 2024]
    by_label = {row["label"]: [c["value"] for c in row["cells"]] for row in running.rows}
    assert by_label["Thüringen insgesamt"] == [0, 1, 2, 1]  # counted once, not per field
    assert by_label["Feld A"] == [0, 1, 2, 1] and by_label["Feld B"] == [0, 1, 1, 1]
    money = {row["label"]: [c["value"] for c in row["cells"]] for row in funding.rows}
    assert money["Thüringen insgesamt"] == [0, 3, Decimal("0.5"), 0]  # in the starting year
    [statewide] = period.context["statewide_tables"]
    assert [c["value"] for c in statewide.rows[0]["cells"]] == [10, 12, None, 15]
    assert [block["field"] for block in period.context["field_blocks"]] == [cast.field_b]
    html = ReportRenderer().html(content)
    assert "Berichtszeitraum 2021–2024" in html and "Entwicklung 2021–2024" in html
    values = {(r[1], r[8], r[7]): r[9] for r in csv_rows(content, "Berichtszeitraum")}
    assert values[("Thüringen", "2023", "laufende Aktivitäten")] == "2"
    assert values[("Feld B", "2022", "Fördermittel (Beginn im Jahr)")] == "3000000"
    # The statewide chapter's time series covers the whole span; the gaps appendix too.
    assert section(content, "ueberblick").context["years"] == [2021, 2022, 2023, 2024]
    assert section(content, "datenluecken").context["first"] == 2021
    # The annual report has no such chapter.
    assert not [s for s in build(year=2024).sections if s.key == "berichtszeitraum"]


def test_a_long_span_is_split_into_tables_that_fit_the_page(cast):
    content = build(year=2025, kind="abschlussbericht", start_year=2010)
    running = section(content, "berichtszeitraum").context["activity_tables"][:2]
    assert [t.years[0] for t in running] == [2010, 2018]
    assert running[0].caption.endswith("(2010–2017)")


def test_staff_request_a_final_report_with_its_span(
    client, cast, django_capture_on_commit_callbacks
):
    client_for(client, cast.staff)
    url = reverse("reports:report_request")
    data = {"year": 2025, "kind": "abschlussbericht", "start_year": 2021, "stichtag": ""}
    with django_capture_on_commit_callbacks():
        client.post(url, data)
        client.post(url, data)  # a double click: the same report
        client.post(url, {**data, "start_year": 2022})  # another span: a report of its own
    reports = list(Report.objects.order_by("pk"))
    assert [(r.start_year, r.year, r.number) for r in reports] == [(2021, 2025, 1), (2022, 2025, 2)]
    assert reports[0].title == "Abschlussbericht der Förderperiode 2021–2025"
    assert reports[0].filename == "RIS-Thueringen-Abschlussbericht-2021-2025-Fassung-1.pdf"
    detail = client.get(reports[0].get_absolute_url()).content.decode()
    assert "2021–2025" in detail

    for wrong, message in ((None, "erste Jahr des Zeitraums"), (2025, "vor dem Berichtsjahr")):
        response = client.post(url, {**data, "start_year": wrong or ""}, follow=True)
        assert message in response.content.decode()
    assert Report.objects.count() == 2
    # An annual report ignores a span that came along.
    with django_capture_on_commit_callbacks():
        client.post(url, {**data, "kind": "jahresbericht"})
    annual = Report.objects.get(kind="jahresbericht")
    assert (annual.start_year, annual.year, annual.is_period) == (2025, 2025, False)


def test_the_service_and_the_database_guard_the_span(cast):
    single = services.report_request(year=2025, kind="abschlussbericht", user=cast.staff)
    assert (single.start_year, single.is_period) == (2025, False)
    for wrong in (2000, 2026):
        with pytest.raises(ValidationError):
            services.report_request(
                year=2025, kind="abschlussbericht", start_year=wrong, user=cast.staff
            )
    with pytest.raises(ValidationError):
        services.report_request(
            year=2025, kind="abschlussbericht", start_year=2000, user=cast.staff
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(
            status=Report.Status.REQUESTED,
            kind="jahresbericht",
            year=2025,
            start_year=2021,
            title="x",
        )


def test_the_renderer_and_render_report_use_the_span(cast, tmp_path, monkeypatch):
    from reports.management.commands import render_report

    seen = []
    monkeypatch.setattr(services, "render_report_pdf", lambda spec: seen.append(spec) or 1 / 0)
    report = ReportFactory(
        status=Report.Status.REQUESTED,
        kind="abschlussbericht",
        year=2025,
        start_year=2021,
        title="Abschlussbericht",
    )
    with pytest.raises(ZeroDivisionError):
        services.report_render(report_id=report.pk)
    assert (seen[0].start_year, seen[0].period_years) == (2021, [2021, 2022, 2023, 2024, 2025])

    class Rendered:
        pages, chart_count, size, sha256, content = 1, 0, 1, "x", b"%PDF-"

    monkeypatch.setattr(render_report, "render_report_pdf", lambda s: seen.append(s) or Rendered)
    out = tmp_path / "b.pdf"
    call_command("render_report", "--year", "2025", "--start-year", "2021", "--output", out)
    assert (seen[1].kind, seen[1].start_year) == ("abschlussbericht", 2021)
    assert seen[1].title == "Abschlussbericht der Förderperiode 2021–2025"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("render_report", "--year", "2025", "--start-year", "2026", "--output", out)
