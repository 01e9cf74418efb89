"""Indicator rows: the one place that compares indicator values with their targets.

Dashboards, the public indicator page, the annual report, its embedded CSV and the value
export all read `indicator_table()`, so they cannot disagree. The rules:

- Archived values and targets never count (a rolled-back import archives its rows).
- A value is compared only with a target of the same scope: a field value with that field's
  target, a Thuringia-wide value with the Thuringia-wide target. A field without a target of its
  own has no status ("kein Ziel für dieses Feld"), it is never measured against the state.
- The planned value follows the target path (linear from baseline to target, then flat); the
  deviation is the difference from the plan in percent; the status applies the target's
  tolerance and the indicator's direction.
- With `as_of`, everything is read as it stood at that moment from the history (the report's
  Stichtag); without, the live rows.

Three queries whatever the number of values: indicators, values, targets.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy

from ris_portal.snapshots import live_versions_at

from .models import Indicator, IndicatorValue, Target, YearLock

ON_TRACK = "auf_kurs"
BEHIND = "hinter_plan"
AHEAD = "ueber_plan"
DEVIATING = "abweichend"
NO_TARGET = "ohne_ziel"
NO_FIELD_TARGET = "ohne_feldziel"
NO_VALUE = "ohne_wert"
STATUS_LABELS = {
    ON_TRACK: gettext_lazy("auf Kurs"),
    AHEAD: gettext_lazy("über Plan"),
    BEHIND: gettext_lazy("hinter Plan"),
    DEVIATING: gettext_lazy("weicht ab"),
    NO_TARGET: gettext_lazy("kein Ziel festgelegt"),
    NO_FIELD_TARGET: gettext_lazy("kein Ziel für dieses Feld"),
    NO_VALUE: gettext_lazy("kein Wert"),
}
STATUS_BADGES = {
    ON_TRACK: "success",
    AHEAD: "success",
    BEHIND: "danger",
    DEVIATING: "warning",
    NO_TARGET: "info",
    NO_FIELD_TARGET: "info",
    NO_VALUE: "info",
}
# Statuses that rate a value against a plan (the others say why there is no rating).
RATED = (ON_TRACK, AHEAD, BEHIND, DEVIATING)


def planned_value(target, year: int) -> Decimal:
    """The target path: linear from baseline to target, then flat at the target."""
    if year >= target.target_year:
        return target.target_value
    if year <= target.baseline_year:
        return target.baseline_value
    share = Decimal(year - target.baseline_year) / Decimal(
        target.target_year - target.baseline_year
    )
    return target.baseline_value + (target.target_value - target.baseline_value) * share


def on_track_status(*, value: Decimal | None, year: int | None, target, direction) -> str:
    """Compare a value with the planned value of its year, within the target's tolerance.

    "higher is better": at least (1 − tolerance) × plan is on track, above (1 + tolerance) ×
    plan is ahead; "lower is better" mirrors this; "neutral": within ± tolerance.
    """
    if target is None:
        return NO_TARGET
    if value is None or year is None:
        return NO_VALUE
    plan = planned_value(target, year)
    tolerance = target.tolerance_percent / Decimal(100)
    low, high = plan - abs(plan) * tolerance, plan + abs(plan) * tolerance
    if direction == Indicator.Direction.LOWER:
        if value > high:
            return BEHIND
        return AHEAD if value < low else ON_TRACK
    if direction == Indicator.Direction.NEUTRAL:
        return ON_TRACK if low <= value <= high else DEVIATING
    if value < low:
        return BEHIND
    return AHEAD if value > high else ON_TRACK


def deviation_percent(value: Decimal | None, planned: Decimal | None) -> Decimal | None:
    if value is None or planned in (None, 0):
        return None
    return (value - planned) / abs(planned) * 100


@dataclass(frozen=True)
class TargetPath:
    pk: int
    indicator_id: int
    field_id: int | None
    baseline_year: int
    baseline_value: Decimal
    target_year: int
    target_value: Decimal
    tolerance_percent: Decimal

    def planned(self, year: int) -> Decimal:
        return planned_value(self, year)


class StatusDisplay:
    """Label and badge of an on-track status (`self.status`), for a row and a whole series."""

    status: str

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[self.status]


@dataclass(frozen=True)
class IndicatorRow(StatusDisplay):
    """One indicator in one scope (Thuringia: `field_id` None) and one year."""

    indicator: Indicator
    field_id: int | None
    year: int
    value: Decimal | None
    value_pk: int | None
    provisional: bool
    target: TargetPath | None
    planned: Decimal | None
    deviation: Decimal | None
    status: str

    @property
    def is_rated(self) -> bool:
        return self.status in RATED


@dataclass
class IndicatorScope:
    """The time series of one indicator in one scope: its rows by year and its target."""

    indicator: Indicator
    field_id: int | None
    target: TargetPath | None
    rows: list[IndicatorRow] = field(default_factory=list)  # by year, incl. plan-only years

    @property
    def value_rows(self) -> list[IndicatorRow]:
        return [row for row in self.rows if row.value is not None]

    @property
    def latest(self) -> IndicatorRow | None:
        values = self.value_rows
        return values[-1] if values else None

    def row(self, year: int) -> IndicatorRow | None:
        return next((row for row in self.rows if row.year == year), None)

    @property
    def status(self) -> str:
        latest = self.latest
        if latest is not None:
            return latest.status
        return self.rows[0].status if self.rows else NO_VALUE


def _missing_target_status(field_id: int | None) -> str:
    return NO_TARGET if field_id is None else NO_FIELD_TARGET


def make_row(indicator, field_id, year, value, target: TargetPath | None) -> IndicatorRow:
    """Rate one value (or none) of one year against the target of its own scope."""
    amount = value.value if value is not None else None
    planned = target.planned(year) if target is not None else None
    if target is None:
        status = _missing_target_status(field_id)
    else:
        status = on_track_status(
            value=amount, year=year, target=target, direction=indicator.direction
        )
    return IndicatorRow(
        indicator=indicator,
        field_id=field_id,
        year=year,
        value=amount,
        value_pk=value.id if value is not None else None,
        provisional=value is not None and value.status == IndicatorValue.Status.PROVISIONAL,
        target=target,
        planned=planned,
        deviation=deviation_percent(amount, planned),
        status=status,
    )


ALL = object()  # scope marker: Thuringia and every field


def _scope_filter(queryset_or_filters: dict, scope) -> dict:
    if scope is ALL:
        return queryset_or_filters
    if scope is None:
        return {**queryset_or_filters, "field__isnull": True}
    return {**queryset_or_filters, "field_id": getattr(scope, "pk", scope)}


@dataclass
class IndicatorTable:
    """Every indicator scope found, in indicator code order, Thuringia before the fields."""

    scopes: list[IndicatorScope]

    def for_field(self, field_id: int | None) -> list[IndicatorScope]:
        return [scope for scope in self.scopes if scope.field_id == field_id]

    def rows(self, *, field_id=ALL, years=None, with_value: bool = True) -> list[IndicatorRow]:
        result = []
        for scope in self.scopes:
            if field_id is not ALL and scope.field_id != field_id:
                continue
            for row in scope.rows:
                if with_value and row.value is None:
                    continue
                if years is not None and row.year not in years:
                    continue
                result.append(row)
        return result


def _source(model, as_of):
    """Live rows, or the versions that were live at `as_of` (from the history)."""
    return model.objects.live() if as_of is None else live_versions_at(model, as_of)


def _load_values(filters: dict, as_of, published_only: bool) -> list:
    queryset = _source(IndicatorValue, as_of).filter(**filters)
    if published_only:
        queryset = queryset.filter(year__in=YearLock.objects.values("year"))
    # Plain tuples, not model instances: a dashboard or report reads tens of thousands.
    return list(
        queryset.order_by("indicator_id", "year").values_list(
            "id", "indicator_id", "field_id", "year", "value", "status", named=True
        )
    )


def _load_targets(filters: dict, as_of) -> list[TargetPath]:
    names = (
        "id",
        "indicator_id",
        "field_id",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "tolerance_percent",
    )
    queryset = _source(Target, as_of).filter(**filters)
    return [TargetPath(*row) for row in queryset.values_list(*names)]


def _indicators(as_of, indicator, indicator_ids) -> dict[int, Indicator]:
    filters: dict = {}
    if indicator is not None:
        filters["id"] = indicator.pk
    if indicator_ids is not None:
        filters["id__in"] = list(indicator_ids)
    queryset = _source(Indicator, as_of).filter(**filters)
    if as_of is None:
        return {ind.pk: ind for ind in queryset}
    return {record.instance.pk: record.instance for record in queryset}


def indicator_table(
    *,
    scope=ALL,
    indicator=None,
    indicator_ids=None,
    as_of: datetime.datetime | None = None,
    published_only: bool = False,
    with_targets: bool = True,
    years=None,
) -> IndicatorTable:
    """Indicator rows per indicator and scope (Thuringia or a field).

    `scope`: ALL, None (Thuringia only) or a field (or its pk). `published_only` keeps the
    values of years whose report is published (YearLock) and drops targets, as the public
    indicator page shows them. Each scope's rows cover the years with a value and, with a
    target, its baseline and target year (plan-only rows, value None). `years` limits the rows
    (and the values read) to those years.
    """
    filters = _scope_filter({}, scope)
    if indicator is not None:
        filters["indicator_id"] = indicator.pk
    if indicator_ids is not None:
        filters["indicator_id__in"] = list(indicator_ids)
    if indicator is not None and as_of is None:
        indicators = {indicator.pk: indicator} if not indicator.is_archived else {}
    else:
        indicators = _indicators(as_of, indicator, indicator_ids)
    value_filters = {**filters, "year__in": sorted(years)} if years is not None else filters
    values = _load_values(value_filters, as_of, published_only)
    targets = {}
    if with_targets and not published_only:
        targets = {(t.indicator_id, t.field_id): t for t in _load_targets(filters, as_of)}
    by_scope: dict[tuple[int, int | None], dict[int, object]] = defaultdict(dict)
    for value in values:
        if value.indicator_id in indicators:
            by_scope[(value.indicator_id, value.field_id)][value.year] = value
    for key in targets:
        if key[0] in indicators:
            by_scope.setdefault(key, {})
    scopes = []
    for (indicator_id, field_id), by_year in by_scope.items():
        ind = indicators[indicator_id]
        target = targets.get((indicator_id, field_id))
        all_years = set(by_year)
        if target is not None:
            all_years |= {target.baseline_year, target.target_year}
        if years is not None:
            all_years &= set(years)
        rows = [
            make_row(ind, field_id, year, by_year.get(year), target) for year in sorted(all_years)
        ]
        scopes.append(IndicatorScope(indicator=ind, field_id=field_id, target=target, rows=rows))
    scopes.sort(key=lambda s: (s.indicator.code, s.field_id is not None, s.field_id or 0))
    return IndicatorTable(scopes=scopes)
