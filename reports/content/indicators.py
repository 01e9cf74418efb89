"""Indicator blocks shared by the statewide chapter and the field chapters.

The rows come from `monitoring.indicators` (the one source of truth that the dashboards read
too); this module only chooses which rows a chapter prints, draws their time series and writes
the same rows into the CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, partial

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from monitoring.charts import Series, line_chart
from monitoring.indicators import STATUS_LABELS, IndicatorRow, IndicatorScope
from ris_portal.numbers import format_number

from . import links
from .base import DataTable

# Charts drawn per chapter; every further indicator is a table row (and always a CSV row).
CHARTS_PER_CHAPTER = 12
TABLE_ROWS_PER_CHAPTER = 25  # as LIST_LIMIT: every list of a chapter prints at most 25 lines
_TENTH = Decimal("0.1")


@dataclass
class IndicatorFigure:
    """A time-series chart of one indicator in one scope, with its data table."""

    scope: IndicatorScope
    rows: list[IndicatorRow]
    url: str
    title: str
    svg: str = ""
    items: list = field(default_factory=list)  # for the chart counter (not a bar chart)

    @property
    def indicator(self):
        return self.scope.indicator

    @property
    def target(self):
        return self.scope.target


def indicator_label(indicator) -> str:
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return f"{indicator.code} – {indicator.name}{unit}"


def series_figure(scope: IndicatorScope, years: list[int], *, where: str) -> IndicatorFigure:
    """Values and target path over `years` as a line chart (gaps where a value is missing)."""
    rows = [scope.row(year) for year in years]
    ind, target = scope.indicator, scope.target
    actual = [row.value if row else None for row in rows]
    series = [Series("Ist-Wert", actual)]
    if target is not None:
        series.append(Series("Zielpfad", [target.planned(year) for year in years]))
    known = "; ".join(
        f"{year}: {format_number(value)}"
        for year, value in zip(years, actual, strict=True)
        if value is not None
    )
    desc = f"{ind.code} {where}, {years[0]}–{years[-1]}: {known or 'keine Werte'}."
    if target is not None:
        desc += (
            f" Ziel {format_number(target.target_value)} bis {target.target_year}, "
            f"Bewertung {STATUS_LABELS[scope.status]}."
        )
    title = f"{indicator_label(ind)}, {where}"
    svg = line_chart(
        title=title,
        desc=desc,
        categories=years,
        series=series,
        width=640,
        height=230,
        uid=f"ind-{ind.pk}-{scope.field_id or 'th'}",
    )
    return IndicatorFigure(
        scope=scope,
        rows=[row for row in rows if row is not None],
        url=links.indicator_url(ind),
        title=title,
        svg=mark_safe(svg),  # noqa: S308 - line_chart escapes every text it writes
    )


def indicator_lines(data: DataTable, section: str, field, ind) -> Callable[..., None]:
    """Adds lines about the indicator `ind` (with its source and page) to the CSV:
    `add(metric=..., value=..., period=..., unit=...)`."""
    head = data.head(
        section=section, kind="Indikator", field=field, pk=ind.pk, code=ind.code, item=ind.name
    )
    return partial(data.add_line, head, source=ind.source, url=links.indicator_url(ind))


def add_indicator_rows(
    data: DataTable, *, section: str, field, scope: IndicatorScope, rows: list[IndicatorRow]
) -> None:
    """The scope's target once, then value, plan, deviation and rating of every row."""
    labels = _status_texts(get_language())
    add, unit = indicator_lines(data, section, field, scope.indicator), scope.indicator.unit
    target = scope.target
    if target is not None:
        add(metric="Basiswert", period=target.baseline_year, value=target.baseline_value, unit=unit)
        add(metric="Zielwert", period=target.target_year, value=target.target_value, unit=unit)
    for row in rows:
        if row.value is not None:
            add(metric="Ist-Wert", period=row.year, value=row.value, unit=unit)
            add(metric="Stand des Werts", period=row.year,
                value="vorläufig" if row.provisional else "endgültig")  # fmt: skip
        if row.planned is not None:
            add(metric="Zielpfad", period=row.year, value=row.planned, unit=unit)
        if row.deviation is not None:
            add(metric="Abweichung vom Zielpfad", period=row.year,
                value=row.deviation.quantize(_TENTH), unit="%")  # fmt: skip
        add(metric="Bewertung", period=row.year, value=labels[row.status])


@cache
def _status_texts(language: str | None) -> dict[str, str]:
    """The rating labels translated once per language (the CSV has a rating per value)."""
    return {key: str(label) for key, label in STATUS_LABELS.items()}


def chapter_priority(scope: IndicatorScope) -> tuple:
    """Indicators with a target first (they steer the strategy), then by code."""
    return (scope.target is None, scope.indicator.code)
