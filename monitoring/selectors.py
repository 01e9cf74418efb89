"""Reads of the monitoring app: activity lists, on-track status, dashboard data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.numbers import format_number

from .charts import Series, bar_chart, line_chart
from .models import Activity, ImportBatch, Indicator, IndicatorValue, Target, YearLock


# --- activities -------------------------------------------------------------------------------
def activity_list(*, filters: dict | None = None):
    """Active activities with what the list and the export show (no per-row queries)."""
    filters = filters or {}
    queryset = (
        Activity.objects.live()
        .select_related("import_batch")
        .defer("import_batch__content", "import_batch__undo")
        .prefetch_related("fields", "themes", "actors")
    )
    if filters.get("field"):
        queryset = queryset.filter(fields=filters["field"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("year"):
        queryset = queryset.filter(start_date__year=filters["year"])
    if filters.get("source"):
        queryset = queryset.filter(funding_source=filters["source"])
    if filters.get("q"):
        term = filters["q"]
        queryset = queryset.filter(
            Q(title__icontains=term) | Q(reference__icontains=term) | Q(description__icontains=term)
        )
    return queryset.order_by("-start_date", "title", "pk")


def activity_years() -> list[int]:
    return sorted(
        {d.year for d in Activity.objects.live().dates("start_date", "year")},
        reverse=True,
    )


def import_batch_list():
    return ImportBatch.objects.select_related("created_by", "rolled_back_by").defer("content")


# --- on-track status --------------------------------------------------------------------------
ON_TRACK = "auf_kurs"
BEHIND = "hinter_plan"
AHEAD = "ueber_plan"
DEVIATING = "abweichend"
NO_TARGET = "ohne_ziel"
STATUS_LABELS = {
    ON_TRACK: gettext_lazy("auf Kurs"),
    AHEAD: gettext_lazy("über Plan"),
    BEHIND: gettext_lazy("hinter Plan"),
    DEVIATING: gettext_lazy("weicht ab"),
    NO_TARGET: gettext_lazy("kein Ziel oder kein Wert"),
}
STATUS_BADGES = {
    ON_TRACK: "success",
    AHEAD: "success",
    BEHIND: "danger",
    DEVIATING: "warning",
    NO_TARGET: "info",
}


def planned_value(target: Target, year: int) -> Decimal:
    """The target path: linear from baseline to target, then flat at the target."""
    if year >= target.target_year:
        return target.target_value
    if year <= target.baseline_year:
        return target.baseline_value
    share = Decimal(year - target.baseline_year) / Decimal(
        target.target_year - target.baseline_year
    )
    return target.baseline_value + (target.target_value - target.baseline_value) * share


def on_track_status(*, value: Decimal | None, year: int | None, target: Target | None, direction):
    """Compare a value with the planned value of its year, within the target's tolerance.

    "higher is better": at least (1 − tolerance) × plan is on track, above (1 + tolerance) ×
    plan is ahead; "lower is better" mirrors this; "neutral": within ± tolerance.
    """
    if target is None or value is None or year is None:
        return NO_TARGET
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


# --- dashboard --------------------------------------------------------------------------------
@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: list[IndicatorValue]
    target: Target | None
    status: str = NO_TARGET
    chart: str = ""
    rows: list[dict] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


def _indicator_name(indicator: Indicator, language: str) -> str:
    return indicator.name_en if language == "en" and indicator.name_en else indicator.name


def indicator_series(
    *, field=None, published_only: bool = False, indicator=None, language: str = "de"
) -> list[IndicatorSeries]:
    """Time series of the indicators with values in scope (Thuringia or one field).

    Two queries whatever the number of values: values (with their indicator) and targets.
    """
    values = IndicatorValue.objects.live().select_related("indicator")
    targets = Target.objects.live()
    if field is None:
        values, targets = values.filter(field__isnull=True), targets.filter(field__isnull=True)
    else:
        values, targets = values.filter(field=field), targets.filter(field=field)
    if indicator is not None:
        values, targets = values.filter(indicator=indicator), targets.filter(indicator=indicator)
    if published_only:
        values = values.filter(year__in=YearLock.objects.values("year"))
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    indicators = {}
    for value in values.order_by("indicator__code", "year"):
        by_indicator[value.indicator_id].append(value)
        indicators[value.indicator_id] = value.indicator
    target_by_indicator = {t.indicator_id: t for t in targets}
    result = []
    for indicator_id, items in by_indicator.items():
        ind = indicators[indicator_id]
        target = None if published_only else target_by_indicator.get(indicator_id)
        series = IndicatorSeries(indicator=ind, values=items, target=target)
        # `by_indicator` holds only indicators with values: a series always has a latest one.
        latest = cast(IndicatorValue, series.latest)
        series.status = on_track_status(
            value=latest.value, year=latest.year, target=target, direction=ind.direction
        )
        years = [v.year for v in items]
        if target is not None:
            years = sorted(set(years) | {target.baseline_year, target.target_year})
        actual = {v.year: v.value for v in items}
        chart_series = [Series(_("Ist-Wert"), [actual.get(y) for y in years])]
        if target is not None:
            chart_series.append(Series(_("Zielpfad"), [planned_value(target, y) for y in years]))
        name = _indicator_name(ind, language)
        unit = f" ({ind.unit})" if ind.unit else ""
        desc = _("Werte %(name)s: %(values)s.") % {
            "name": name,
            "values": "; ".join(f"{v.year}: {format_number(v.value)}" for v in items),
        }
        if target is not None:
            desc += " " + _("Ziel %(year)s: %(value)s. Status: %(status)s.") % {
                "year": target.target_year,
                "value": format_number(target.target_value),
                "status": STATUS_LABELS[series.status],
            }
        series.chart = line_chart(
            title=f"{ind.code}: {name}{unit}", desc=desc, categories=years, series=chart_series
        )
        series.rows = [
            {
                "year": y,
                "value": actual.get(y),
                "plan": planned_value(target, y) if target else None,
                "status": next((v.get_status_display() for v in items if v.year == y), ""),
            }
            for y in years
        ]
        result.append(series)
    return result


@dataclass
class Table:
    title: str
    chart: str
    headers: list[str]
    rows: list[list]


def activities_by_kind_and_year(*, field=None) -> Table:
    """One aggregate query: activities per kind and year."""
    queryset = Activity.objects.live()
    if field is not None:
        queryset = queryset.filter(fields=field)
    counts = (
        queryset.annotate(year=ExtractYear("start_date"))
        .values("year", "kind")
        .annotate(n=Count("pk", distinct=True))
        .order_by("year", "kind")
    )
    data: dict[tuple[int, str], int] = {(c["year"], c["kind"]): c["n"] for c in counts}
    years = sorted({year for year, _kind in data})
    kinds = [(k, label) for k, label in Activity.Kind.choices if any(k == kk for _y, kk in data)]
    series = [Series(str(label), [data.get((y, k), 0) for y in years]) for k, label in kinds]
    title = _("Aktivitäten nach Art und Jahr")
    desc = "; ".join(
        f"{y}: "
        + ", ".join(f"{label} {data.get((y, k), 0)}" for k, label in kinds if data.get((y, k)))
        for y in years
    )
    chart = (
        bar_chart(
            title=title,
            desc=desc or _("Keine Aktivitäten."),
            categories=[str(year) for year in years],
            series=series,
        )
        if years
        else ""
    )
    rows = [[str(label), *[data.get((y, k), 0) for y in years]] for k, label in kinds]
    return Table(title=title, chart=chart, headers=[_("Art"), *map(str, years)], rows=rows)


def funding_by_source(*, field=None) -> Table:
    """One aggregate query: funding amounts per source and year."""
    queryset = Activity.objects.live().filter(funding_amount__isnull=False)
    if field is not None:
        queryset = queryset.filter(fields=field)
    if field is not None:
        # An activity in several fields is counted once per field, never twice in one field.
        queryset = Activity.objects.filter(pk__in=queryset.values("pk"))
    sums = (
        queryset.annotate(year=ExtractYear("start_date"))
        .values("year", "funding_source")
        .annotate(total=Sum("funding_amount"))
        .order_by("year", "funding_source")
    )
    data = {(s["year"], s["funding_source"]): s["total"] for s in sums}
    years = sorted({year for year, _source in data})
    sources = [(k, str(label)) for k, label in Activity.FundingSource.choices]
    if any(source == "" for _y, source in data):
        sources.append(("", _("ohne Angabe")))
    sources = [(k, label) for k, label in sources if any(s == k for _y, s in data)]
    series = [
        Series(label, [(data.get((y, k)) or Decimal(0)) / Decimal(1_000_000) for y in years])
        for k, label in sources
    ]
    title = _("Fördermittel nach Quelle und Jahr (Mio. EUR)")
    desc = "; ".join(
        f"{y}: "
        + ", ".join(
            f"{label} {format_number(data[(y, k)] / Decimal(1_000_000), 2)} Mio. EUR"
            for k, label in sources
            if data.get((y, k))
        )
        for y in years
    )
    chart = (
        bar_chart(title=title, desc=desc or "", categories=years, series=series) if years else ""
    )
    rows = [[item.name, *item.values] for item in series]  # million EUR, like the chart
    return Table(title=title, chart=chart, headers=[_("Quelle"), *map(str, years)], rows=rows)
