"""Reads of the monitoring app: activity lists, on-track status, dashboard data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ris_portal.numbers import format_number

from .charts import Series, bar_chart, line_chart
from .indicators import (  # the one source of truth; names re-exported for older callers
    AHEAD,
    BEHIND,
    DEVIATING,
    NO_FIELD_TARGET,
    NO_TARGET,
    NO_VALUE,
    ON_TRACK,
    STATUS_BADGES,
    STATUS_LABELS,
    IndicatorRow,
    IndicatorScope,
    StatusDisplay,
    indicator_table,
    on_track_status,
    planned_value,
)
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


# --- indicator series (dashboards, public indicator page) --------------------------------------
# The rows come from `monitoring.indicators`, which the report reads too; this module only turns
# them into charts for the web pages.

__all__ = [
    "AHEAD",
    "BEHIND",
    "DEVIATING",
    "NO_FIELD_TARGET",
    "NO_TARGET",
    "NO_VALUE",
    "ON_TRACK",
    "STATUS_BADGES",
    "STATUS_LABELS",
    "IndicatorRow",
    "on_track_status",
    "planned_value",
]


@dataclass
class IndicatorSeries(StatusDisplay):
    """One indicator in one scope, ready for a web page: the rows, a chart and the status."""

    scope: IndicatorScope
    chart: str = ""

    @property
    def indicator(self) -> Indicator:
        return self.scope.indicator

    @property
    def target(self):
        return self.scope.target

    @property
    def rows(self) -> list[IndicatorRow]:
        return self.scope.rows

    @property
    def values(self) -> list[IndicatorRow]:
        return self.scope.value_rows

    @property
    def latest(self) -> IndicatorRow | None:
        return self.scope.latest

    @property
    def status(self) -> str:  # type: ignore[override]  # read from the scope, not stored
        return self.scope.status


def indicator_name(indicator: Indicator, language: str) -> str:
    return indicator.name_en if language == "en" and indicator.name_en else indicator.name


def series_chart(scope: IndicatorScope, *, language: str = "de") -> str:
    """A line chart of the values and the target path, with a text alternative."""
    ind, target = scope.indicator, scope.target
    years = [row.year for row in scope.rows]
    chart_series = [Series(_("Ist-Wert"), [row.value for row in scope.rows])]
    if target is not None:
        chart_series.append(Series(_("Zielpfad"), [row.planned for row in scope.rows]))
    name = indicator_name(ind, language)
    unit = f" ({ind.unit})" if ind.unit else ""
    desc = _("Werte %(name)s: %(values)s.") % {
        "name": name,
        "values": "; ".join(f"{row.year}: {format_number(row.value)}" for row in scope.value_rows),
    }
    if target is not None:
        desc += " " + _("Ziel %(year)s: %(value)s. Status: %(status)s.") % {
            "year": target.target_year,
            "value": format_number(target.target_value),
            "status": STATUS_LABELS[scope.status],
        }
    # A German name in another UI language is marked as German (WCAG 3.1.2).
    german = language != "de" and not (language == "en" and ind.name_en)
    return line_chart(
        title=f"{ind.code}: {name}{unit}",
        desc=desc,
        categories=years,
        series=chart_series,
        title_lang="de" if german else None,
    )


def _history_version(*models) -> str:
    """The newest history id of each model, in one query (each an index lookup on the key).

    Every write path writes history (see the activity charts below), so a changed version means
    changed rows; the cache keys built from it need no invalidation code in the write paths.
    Committed ids are never handed out twice; on SQLite the ids of rolled-back rows are, which
    does not matter as long as no page is cached inside a transaction that is rolled back (no
    view does; the property test of report = dashboard clears the cache per example).
    """
    quote = connection.ops.quote_name
    # Only table names from the models' metadata are interpolated, never input.
    sql = " UNION ALL ".join(
        f"SELECT MAX({quote('history_id')}) FROM {quote(model.history.model._meta.db_table)}"
        for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)  # nosec B608
        return "-".join(str(row[0] or 0) for row in cursor.fetchall())


INDICATOR_IDS_SECONDS = 60


def indicator_data_version() -> str:
    """The version of all indicator data (indicators, values, targets) for cache keys; a page
    that caches several things under it reads it once."""
    return _history_version(Indicator, IndicatorValue, Target)


def indicator_ids_in_scope(
    *, field=None, published_only: bool = False, version: str | None = None
) -> list[int]:
    """Ids of the indicators with a value or a target in the scope, in code order.

    Lets a page paginate indicators before loading their values. The query reads every value
    of the scope (about 8,000 at 10× the demo data: 8 ms on SQLite, most of a dashboard's
    database time), so its result is cached under the history versions of indicators, values
    and targets. `published_only` depends on year locks, which keep no history: not cached.
    """
    if published_only:
        return _indicator_ids_in_scope(field=field, published_only=True)
    key = ":".join(
        [
            "dashboard-indicator-ids",
            str(getattr(field, "pk", field) or "th"),
            version or indicator_data_version(),
        ]
    )
    ids = cache.get(key)
    if ids is None:
        ids = _indicator_ids_in_scope(field=field, published_only=False)
        cache.set(key, ids, INDICATOR_IDS_SECONDS)
    return ids


def _indicator_ids_in_scope(*, field, published_only: bool) -> list[int]:
    scope = {"field__isnull": True} if field is None else {"field": field}
    values = IndicatorValue.objects.live().filter(**scope)
    if published_only:
        values = values.filter(year__in=YearLock.objects.values("year"))
    with_target = Target.objects.live().filter(**scope).values("indicator_id")
    condition = Q(pk__in=values.values("indicator_id"))
    if not published_only:
        condition |= Q(pk__in=with_target)
    return list(
        Indicator.objects.live().filter(condition).order_by("code").values_list("pk", flat=True)
    )


def indicator_series(
    *,
    field=None,
    published_only: bool = False,
    indicator=None,
    indicator_ids=None,
    language: str = "de",
) -> list[IndicatorSeries]:
    """Time series of the indicators with values in scope (Thuringia or one field)."""
    table = indicator_table(
        scope=field,
        indicator=indicator,
        indicator_ids=indicator_ids,
        published_only=published_only,
    )
    return [
        IndicatorSeries(scope=scope, chart=series_chart(scope, language=language))
        for scope in table.scopes
    ]


DASHBOARD_SERIES_SECONDS = 60


def dashboard_series(
    *, field, indicator_ids: list[int], language: str, version: str | None = None
) -> list[IndicatorSeries]:
    """`indicator_series` of one dashboard page, cached like the indicator ids above.

    Loading the page's values and drawing its ten charts is a third of a dashboard's time at 10×
    the demo data. The rows and charts depend on the indicators, values and targets only, so the
    result is cached under their history versions (any write makes a new key) and the language.
    """
    key = ":".join(
        [
            "dashboard-series",
            str(getattr(field, "pk", field) or "th"),
            language or "",
            ",".join(map(str, indicator_ids)),
            version or indicator_data_version(),
        ]
    )
    series = cache.get(key)
    if series is None:
        series = indicator_series(field=field, indicator_ids=indicator_ids, language=language)
        cache.set(key, series, DASHBOARD_SERIES_SECONDS)
    return series


@dataclass
class Table:
    title: str
    chart: str
    headers: list[str]
    rows: list[list]


# The activity charts aggregate every activity (50,000 at 10× the demo data: half a second on
# SQLite), far more than the rest of a dashboard. They are cached per field and language under
# the newest id of the activities' history: every write path writes history (saves, archiving,
# imports and rollbacks through `bulk_create_with_history`), so a new id means changed data.
# The newest id is an index lookup. A transaction that commits an older id after a newer one
# was read is caught by the short timeout.
ACTIVITY_CHART_SECONDS = 60


def _activity_data_version() -> str:
    return _history_version(Activity)


def activity_charts(*, field=None) -> tuple[Table, Table]:
    """Activities per kind and year, and funding per source and year, for a dashboard.

    Cached until an activity changes (see above): one query when cached, two otherwise.
    """
    key = ":".join(
        [
            "dashboard-activities",
            str(getattr(field, "pk", field) or "th"),
            get_language() or "",
            _activity_data_version(),
        ]
    )
    tables = cache.get(key)
    if tables is None:
        rows = _activity_aggregates(field)
        tables = (_activities_table(rows), _funding_table(rows))
        cache.set(key, tables, ACTIVITY_CHART_SECONDS)
    return tables


def activities_by_kind_and_year(*, field=None) -> Table:
    return activity_charts(field=field)[0]


def funding_by_source(*, field=None) -> Table:
    return activity_charts(field=field)[1]


def _activity_aggregates(field) -> list[dict]:
    """One aggregate query: activities and funding per year, kind and funding source.

    In a field an activity is one row (it is linked to a field at most once), so it is counted
    once per field, never twice in one field.
    """
    queryset = Activity.objects.live()
    if field is not None:
        queryset = queryset.filter(fields=field)
    return list(
        queryset.annotate(year=ExtractYear("start_date"))
        .values("year", "kind", "funding_source")
        .annotate(n=Count("pk", distinct=True), total=Sum("funding_amount"))
        .order_by("year", "kind", "funding_source")
    )


def _activities_table(aggregates: list[dict]) -> Table:
    data: dict[tuple[int, str], int] = defaultdict(int)
    for row in aggregates:
        data[(row["year"], row["kind"])] += row["n"]
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


def _funding_table(aggregates: list[dict]) -> Table:
    data: dict[tuple[int, str], Decimal] = {}
    for row in aggregates:
        if row["total"] is None:  # no activity of this group has a funding amount
            continue
        key = (row["year"], row["funding_source"])
        data[key] = data.get(key, Decimal(0)) + row["total"]
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
        bar_chart(
            title=title, desc=desc or "", categories=[str(year) for year in years], series=series
        )
        if years
        else ""
    )
    rows = [[item.name, *item.values] for item in series]  # million EUR, like the chart
    return Table(title=title, chart=chart, headers=[_("Quelle"), *map(str, years)], rows=rows)


# --- public reads (indicator pages, API, open data) ---------------------------------------------
def indicator_list_public():
    return Indicator.objects.live().order_by("code")


def indicator_values_visible(*, published_only: bool = True):
    """Values as a role may read them: the public (`published_only`) reads the years whose
    report is published (locked), as on the public indicator page; dashboards read all."""
    values = IndicatorValue.objects.live("indicator").exclude(field__is_archived=True)
    if published_only:
        values = values.filter(year__in=YearLock.objects.values("year"))
    return values.select_related("indicator", "field").order_by(
        "indicator__code", "field__order", "year", "pk"
    )


def targets_public():
    """Baselines and targets are part of the strategy and of every published annual report."""
    return (
        Target.objects.live("indicator")
        .exclude(field__is_archived=True)
        .select_related("indicator", "field")
        .order_by("indicator__code", "field__order", "pk")
    )
