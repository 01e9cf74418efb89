"""Report content built from the snapshot: indicator rows, activities, governance, CSV cells."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoring.indicators import NO_FIELD_TARGET, indicator_table
from monitoring.models import Activity
from reports.charts import bar_chart_svg
from reports.content import DataTable, ReportSpec, Snapshot, build_report_content
from tests.factories import IndicatorFactory
from tests.governance.factories import DecisionFactory, MeetingFactory, ReviewRoundFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, TargetFactory

TODAY = timezone.localdate


def _indicator(code="X-1", **extra):
    return IndicatorFactory(
        code=code, name="Patente", kind="output", level="feld", unit="Anzahl", **extra
    )


@pytest.mark.django_db
def test_field_rows_use_only_the_fields_own_target(cast):
    indicator = _indicator()
    TargetFactory(
        indicator=indicator,
        field=cast.field_a,
        baseline_year=2020,
        baseline_value=100,
        target_year=2030,
        target_value=200,
    )
    # A statewide target must never rate a field's value (the bug behind "−85 % hinter Plan").
    TargetFactory(
        indicator=indicator, baseline_year=2020, baseline_value=1000, target_year=2030,
        target_value=3000,
    )  # fmt: skip
    IndicatorValueFactory(
        indicator=indicator, field=cast.field_a, year=2025, value=120, status="vorlaeufig"
    )
    IndicatorValueFactory(indicator=indicator, field=cast.field_b, year=2025, value=150)

    table = indicator_table(years=[2025])
    [row_a] = table.rows(field_id=cast.field_a.pk)
    assert (row_a.target.baseline_value, row_a.target.target_value, row_a.value) == (100, 200, 120)
    assert row_a.deviation == Decimal(-20)  # planned 150 for 2025
    assert row_a.status == "hinter_plan" and row_a.provisional
    [row_b] = table.rows(field_id=cast.field_b.pk)
    assert row_b.status == NO_FIELD_TARGET and row_b.deviation is None
    assert str(row_b.status_label) == "kein Ziel für dieses Feld"


@pytest.mark.django_db
def test_archived_values_and_targets_never_count(cast):
    indicator = _indicator()
    TargetFactory(
        indicator=indicator, baseline_year=2020, baseline_value=1, target_year=2030,
        target_value=2, is_archived=True,
    )  # fmt: skip
    IndicatorValueFactory(indicator=indicator, year=2025, value=777, is_archived=True)
    IndicatorValueFactory(indicator=indicator, year=2025, value=5)
    [row] = indicator_table(years=[2025]).rows()
    assert row.value == 5 and row.target is None
    content = build_report_content(ReportSpec(year=2025, title="T", stichtag=TODAY()))
    assert "777" not in "".join(";".join(r) for r in content.data.rows)


@pytest.mark.django_db
def test_activities_are_those_running_in_the_year_with_their_fields(cast):
    def activity(title, start, end=None):
        obj = ActivityFactory(
            unfunded=True,
            kind=Activity.Kind.choices[0][0],
            title=title,
            start_date=start,
            end_date=end,
        )
        obj.fields.add(cast.field_a)
        return obj

    activity("läuft über das Jahr", datetime.date(2024, 5, 1), datetime.date(2026, 1, 31))
    activity("nur 2025", datetime.date(2025, 2, 1))
    activity("vorbei", datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    activity("ohne Ende 2024", datetime.date(2024, 1, 1))
    snapshot = Snapshot(TODAY())
    titles = [a.title for a in snapshot.activities_by_field(2025)[cast.field_a.pk]]
    assert titles == ["läuft über das Jahr", "nur 2025"]


def test_the_chart_escapes_labels_and_has_a_title():
    svg = str(bar_chart_svg("Themen <je> Feld", [("A & B", 3), ("C", 0)]))
    assert "<title>Themen &lt;je&gt; Feld</title>" in svg
    assert "A &amp; B" in svg
    assert svg.count("<rect") == 2


@pytest.mark.django_db
def test_governance_lists_the_years_meetings_public_decisions_and_rounds(cast):
    def at(year, month, hour=10):
        return timezone.make_aware(datetime.datetime(year, month, 15, hour))

    for title, year in (("3. Sitzung", 2025), ("Vorjahr", 2024)):
        MeetingFactory(
            minutes=None,
            body=cast.board_a,
            title=title,
            starts_at=at(year, 3),
            ends_at=at(year, 3, 12),
        )
    DecisionFactory(
        body=cast.lenkungskreis,
        title="Roadmap Photonik",
        outcome="angenommen",
        votes_yes=7,
        decided_at=at(2025, 5),
        decided_by=cast.staff,
    )
    DecisionFactory(
        body=cast.lenkungskreis,
        title="Intern",
        outcome="angenommen",
        decided_at=at(2025, 5),
        decided_by=cast.staff,
        is_public=False,
    )
    ReviewRoundFactory(
        body=cast.board_a, title="Runde 2025", deadline=at(2025, 6), created_by=cast.staff
    )

    snapshot = Snapshot(TODAY())
    assert [m.title for m in snapshot.meetings(2025)] == ["3. Sitzung"]
    assert [d.title for d in snapshot.decisions(2025)] == ["Roadmap Photonik"]
    assert [(r.title, r.item_count) for r in snapshot.review_rounds(2025)] == [("Runde 2025", 0)]


def test_the_data_table_escapes_text_that_a_spreadsheet_would_run_as_a_formula():
    table = DataTable()
    table.add(
        section="Anhang",
        kind="Indikator",
        code="=HYPERLINK(1)",
        metric="Name",
        value='=HYPERLINK("http://x";"y")',
    )
    table.add(section="Indikatoren", kind="Indikator", metric="Abweichung", value=Decimal("-5.50"))
    assert table.rows[0][5] == "'=HYPERLINK(1)"
    assert table.rows[0][9] == '\'=HYPERLINK("http://x";"y")'
    assert table.rows[1][9] == "-5.5"  # numbers stay numbers, also negative ones
    assert table.rows[1][1] == "Thüringen"  # no field: a statewide row
