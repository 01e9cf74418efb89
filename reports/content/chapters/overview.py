"""„Thüringen im Überblick“: every statewide indicator with baseline, target, five years, status."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from monitoring.indicators import NO_TARGET, NO_VALUE, STATUS_LABELS, IndicatorScope

from ...charts import Chart
from ...models import Narrative
from .. import links
from ..base import ReportContext, Section, chapter
from ..indicators import (
    CHARTS_PER_CHAPTER,
    TABLE_ROWS_PER_CHAPTER,
    add_indicator_rows,
    chapter_priority,
    series_figure,
)

SECTION = "Thüringen im Überblick"


def status_in_year(scope: IndicatorScope, year: int) -> str:
    row = scope.row(year)
    if row is not None and row.value is not None:
        return row.status
    return NO_TARGET if scope.target is None else NO_VALUE


def overview(report: ReportContext) -> list[Section]:
    spec, snapshot = report.spec, report.snapshot
    scopes = sorted(
        (scope for scope in snapshot.indicator_table.for_field(None) if scope.rows),
        key=chapter_priority,
    )
    statuses = Counter(status_in_year(scope, spec.year) for scope in scopes)
    status_items = [
        (str(label), statuses.get(key, 0)) for key, label in STATUS_LABELS.items() if statuses[key]
    ]
    rows = []
    for scope in scopes:
        add_indicator_rows(report.data, section=SECTION, field=None, scope=scope, rows=scope.rows)
        rows.extend(scope.rows)
    figures = [
        series_figure(scope, spec.years, where="Thüringen") for scope in scopes[:CHARTS_PER_CHAPTER]
    ]
    listed = scopes[CHARTS_PER_CHAPTER : CHARTS_PER_CHAPTER + TABLE_ROWS_PER_CHAPTER]
    table = [
        {
            "scope": scope,
            "row": scope.row(spec.year),
            "status_label": STATUS_LABELS[status_in_year(scope, spec.year)],
            "url": links.indicator_url(scope.indicator),
        }
        for scope in listed
    ]
    charts = []
    if status_items:
        charts.append(
            Chart(
                _("Landesweite Indikatoren nach Bewertung %(year)s") % {"year": spec.year},
                status_items,
            )
        )
    return chapter(
        "ueberblick",
        _("Thüringen im Überblick"),
        "overview",
        {
            "year": spec.year,
            "years": spec.years,
            "stichtag": spec.cutoff,
            "figures": figures,
            "table": table,
            "rest": max(0, len(scopes) - CHARTS_PER_CHAPTER - TABLE_ROWS_PER_CHAPTER),
            "indicator_count": len(scopes),
            "status_items": status_items,
            "indicator_rows": rows,
            "narrative": report.narrative(Narrative.Chapter.STATEWIDE),
        },
        charts=[*charts, *figures],
    )
