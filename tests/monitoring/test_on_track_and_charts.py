import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from monitoring.charts import Series, bar_chart, line_chart
from monitoring.models import Activity, Indicator, IndicatorValue, Target
from monitoring.selectors import (
    AHEAD,
    BEHIND,
    DEVIATING,
    NO_TARGET,
    NO_VALUE,
    ON_TRACK,
    on_track_status,
    planned_value,
)
from tests.monitoring.factories import TargetFactory

HIGHER, LOWER, NEUTRAL = (
    Indicator.Direction.HIGHER,
    Indicator.Direction.LOWER,
    Indicator.Direction.NEUTRAL,
)


def _target(**kwargs):
    values = {
        "baseline_year": 2020,
        "baseline_value": Decimal("100"),
        "target_year": 2030,
        "target_value": Decimal("200"),
        "tolerance_percent": Decimal("15"),
    }
    values.update(kwargs)
    return TargetFactory.build(**values)


def test_it_plans_a_linear_path_from_baseline_to_target():
    target = _target()
    assert planned_value(target, 2019) == Decimal("100")
    assert planned_value(target, 2025) == Decimal("150")
    assert planned_value(target, 2031) == Decimal("200")


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (Decimal("150"), HIGHER, ON_TRACK),
        (Decimal("128"), HIGHER, ON_TRACK),  # 150 − 15 % = 127.5
        (Decimal("127"), HIGHER, BEHIND),
        (Decimal("173"), HIGHER, AHEAD),
        (Decimal("173"), LOWER, BEHIND),  # lower is better: above plan + 15 % (172.5) is behind
        (Decimal("127"), LOWER, AHEAD),
        (Decimal("160"), LOWER, ON_TRACK),
        (Decimal("170"), NEUTRAL, ON_TRACK),
        (Decimal("180"), NEUTRAL, DEVIATING),
    ],
)
def test_it_rates_values_against_the_plan_respecting_direction(value, direction, expected):
    assert (
        on_track_status(value=value, year=2025, target=_target(), direction=direction) == expected
    )


def test_it_uses_the_configured_tolerance():
    narrow = _target(tolerance_percent=Decimal("5"))
    assert (
        on_track_status(value=Decimal("140"), year=2025, target=narrow, direction=HIGHER) == BEHIND
    )
    wide = _target(tolerance_percent=Decimal("10"))
    assert (
        on_track_status(value=Decimal("140"), year=2025, target=wide, direction=HIGHER) == ON_TRACK
    )


def test_it_has_no_status_without_target_or_value():
    assert (
        on_track_status(value=Decimal("1"), year=2025, target=None, direction=HIGHER) == NO_TARGET
    )
    assert on_track_status(value=None, year=None, target=_target(), direction=HIGHER) == NO_VALUE


def _parse(svg):
    return ElementTree.fromstring(svg)


def test_it_draws_an_accessible_bar_chart_with_escaped_labels():
    svg = bar_chart(
        title="Aktivitäten <&>",
        desc="2024: 3 Studien",
        categories=[2023, 2024],
        series=[Series("Studie", [1, 3]), Series("Beratung", [None, 2])],
    )
    root = _parse(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{ns}title").get("id") == title_id
    assert root.find(f"{ns}title").text == "Aktivitäten <&>"
    assert root.find(f"{ns}desc").get("id") == desc_id
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 3  # the missing value draws no bar
    heights = {b.find(f"{ns}title").text: float(b.get("height")) for b in bars}
    assert heights["Studie 2024: 3"] == pytest.approx(3 * heights["Studie 2023: 1"])


def test_it_draws_a_line_chart_with_gaps_for_missing_years():
    svg = line_chart(
        title="T", desc="D", categories=[2021, 2022, 2023], series=[Series("Ist", [1, None, 3])]
    )
    root = _parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(list(root.iter(f"{ns}polyline"))) == 2
    assert len(list(root.iter(f"{ns}circle"))) == 2


@pytest.mark.django_db
def test_it_seeds_clearly_marked_samples_idempotently():
    from ris_portal.seed import seed_all

    def seed():
        seed_all()
        return (Activity.objects.count(), IndicatorValue.objects.count(), Target.objects.count())

    first = seed()
    assert first[0] >= 50 and first[1] >= 20 and first[2] >= 3
    assert seed() == first
    assert all(
        v.is_sample and "Beispielwert" in v.source_note for v in IndicatorValue.objects.all()
    )
    assert all(re.match(r"\[Beispiel\] ", a.title) for a in Activity.objects.all())
