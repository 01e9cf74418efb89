"""Pure helpers of the report content: on-track status and the expected path to a target."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from monitoring.models import Indicator
from reports.charts import bar_chart_svg
from reports.content import expected_value, on_track


def _target(baseline_year=2020, baseline=100, target_year=2030, target=200):
    return SimpleNamespace(
        baseline_year=baseline_year,
        baseline_value=baseline,
        target_year=target_year,
        target_value=target,
    )


def test_it_interpolates_the_expected_value_between_baseline_and_target():
    assert expected_value(_target(), 2025) == Decimal(150)
    assert expected_value(_target(), 2020) == Decimal(100)
    assert expected_value(_target(), 2035) == Decimal(200)
    assert expected_value(None, 2025) is None


@pytest.mark.parametrize(
    ("actual", "direction", "expected_result"),
    [
        (130, Indicator.Direction.HIGHER, True),  # 150 − 15 % = 127.5
        (120, Indicator.Direction.HIGHER, False),
        (170, Indicator.Direction.LOWER, True),  # 150 + 15 % = 172.5
        (180, Indicator.Direction.LOWER, False),
        (180, Indicator.Direction.NEUTRAL, False),
    ],
)
def test_it_judges_on_track_within_fifteen_percent(actual, direction, expected_result):
    assert on_track(actual=actual, expected=Decimal(150), direction=direction) is expected_result


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
