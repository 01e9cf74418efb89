"""Pure helpers of the report content: on-track status and the expected path to a target."""

import datetime
from decimal import Decimal

import pytest

from monitoring.models import Activity, Indicator, IndicatorValue, Target
from reports.charts import bar_chart_svg
from reports.content import activities_by_field, indicator_rows_by_field


@pytest.mark.django_db
def test_indicator_rows_use_the_monitoring_target_path_and_status(cast):
    indicator = Indicator.objects.create(
        code="X-1",
        name="Patente",
        kind="output",
        level="feld",
        direction=Indicator.Direction.HIGHER,
    )
    Target.objects.create(
        indicator=indicator,
        field=cast.field_a,
        baseline_year=2020,
        baseline_value=100,
        target_year=2030,
        target_value=200,
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        field=cast.field_a,
        year=2025,
        value=120,
        status=IndicatorValue.Status.PROVISIONAL,
    )
    IndicatorValue.objects.create(indicator=indicator, field=cast.field_b, year=2025, value=150)

    rows = indicator_rows_by_field(2025)
    (row,) = rows[cast.field_a.pk]
    assert (row["baseline"], row["target"], row["actual"]) == (100, 200, 120)
    assert row["deviation"] == Decimal(-20)  # planned 150 for 2025
    assert row["status"] == "hinter_plan" and row["provisional"]
    (other,) = rows[cast.field_b.pk]  # no field target: no status
    assert other["status"] == "ohne_ziel" and other["deviation"] is None


@pytest.mark.django_db
def test_activities_by_field_takes_activities_running_in_the_year(cast):
    def activity(title, start, end=None):
        obj = Activity.objects.create(
            kind=Activity.Kind.choices[0][0], title=title, start_date=start, end_date=end
        )
        obj.fields.add(cast.field_a)
        return obj

    activity("läuft über das Jahr", datetime.date(2024, 5, 1), datetime.date(2026, 1, 31))
    activity("nur 2025", datetime.date(2025, 2, 1))
    activity("vorbei", datetime.date(2023, 1, 1), datetime.date(2024, 12, 31))
    activity("ohne Ende 2024", datetime.date(2024, 1, 1))
    titles = [a.title for a in activities_by_field(2025)[cast.field_a.pk]]
    assert titles == ["läuft über das Jahr", "nur 2025"]


def test_the_chart_escapes_labels_and_has_a_title():
    svg = str(bar_chart_svg("Themen <je> Feld", [("A & B", 3), ("C", 0)]))
    assert "<title>Themen &lt;je&gt; Feld</title>" in svg
    assert "A &amp; B" in svg
    assert svg.count("<rect") == 2


@pytest.mark.django_db
def test_governance_work_lists_the_years_meetings_public_decisions_and_rounds(cast):
    import datetime

    from django.utils import timezone

    from governance.models import Decision, Meeting, ReviewRound
    from reports.content import governance_work

    def at(year, month, hour=10):
        return timezone.make_aware(datetime.datetime(year, month, 15, hour))

    Meeting.objects.create(
        body=cast.board_a, title="3. Sitzung", starts_at=at(2025, 3), ends_at=at(2025, 3, 12)
    )
    Meeting.objects.create(
        body=cast.board_a, title="Vorjahr", starts_at=at(2024, 3), ends_at=at(2024, 3, 12)
    )
    Decision.objects.create(
        body=cast.lenkungskreis,
        title="Roadmap Photonik",
        outcome="angenommen",
        votes_yes=7,
        decided_at=at(2025, 5),
        decided_by=cast.staff,
    )
    Decision.objects.create(
        body=cast.lenkungskreis,
        title="Intern",
        outcome="angenommen",
        decided_at=at(2025, 5),
        decided_by=cast.staff,
        is_public=False,
    )
    ReviewRound.objects.create(
        body=cast.board_a, title="Runde 2025", deadline=at(2025, 6), created_by=cast.staff
    )

    work = governance_work(2025)
    assert [m.title for m in work["meetings"]] == ["3. Sitzung"]
    assert [d.title for d in work["decisions"]] == ["Roadmap Photonik"]
    assert [(r.title, r.item_count) for r in work["review_rounds"]] == [("Runde 2025", 0)]


def test_the_data_table_escapes_text_that_a_spreadsheet_would_run_as_a_formula():
    from reports.content import DataTable

    table = DataTable()
    table.add("Anhang", "", "=HYPERLINK(1)", "Name", '=HYPERLINK("http://x";"y")')
    table.add("Indikatoren", "Feld", "IND-1", "Abweichung", Decimal("-5.50"), "%")
    assert table.rows[0][2] == "'=HYPERLINK(1)"
    assert table.rows[0][4] == '\'=HYPERLINK("http://x";"y")'
    assert table.rows[1][4] == "-5.5"  # numbers stay numbers, also negative ones
