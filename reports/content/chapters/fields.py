"""One chapter per specialisation field: profile, themes, roadmaps, activities, indicators.

Long lists are cut after a fixed number of lines (`LIST_LIMIT`) with a summary and a pointer to
the CSV annex, which always holds every line: pages grow much slower than the data.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _

from fields.models import Actor, Roadmap, Theme
from monitoring.models import Activity

from ...charts import Chart
from ...models import Narrative
from .. import links
from ..base import NO_DATA, ReportContext, Section
from ..indicators import (
    TABLE_ROWS_PER_CHAPTER,
    add_indicator_rows,
    chapter_priority,
    series_figure,
)
from .summary import measure_status_counts

LIST_LIMIT = 25  # lines per list in the PDF; the CSV has all of them
FIELD_CHARTS = 4  # indicator time series per field chapter


def _key_figures(report: ReportContext, f) -> list[dict]:
    figures = []
    head = report.data.head(
        section="Kennzahlen", kind="Kennzahl", field=f, pk=f.pk, code=f.code, item=f.name
    )
    url = links.field_url(f)
    for figure in f.key_figures or []:
        item = {
            "label": figure.get("label") or figure.get("metric", ""),
            "value": figure.get("value"),
            "period_label": figure.get("period_label", ""),
            "source": figure.get("source", ""),
        }
        figures.append(item)
        report.data.add_line(
            head,
            metric=item["label"],
            period=item["period_label"],
            value=item["value"],
            source=item["source"],
            url=url,
        )
    return figures


def _add_status(report: ReportContext, f, obj, *, section: str, kind: str, item: str, url=""):
    """The status of a theme or measure on the Stichtag, for the CSV."""
    report.data.add(
        section=section,
        field=f,
        kind=kind,
        pk=obj.pk,
        item=item,
        metric="Status",
        period=report.spec.cutoff_text,
        value=obj.get_status_display(),
        url=url,
    )


def _roadmaps(report: ReportContext, f, views, public_ids) -> list[dict]:
    """Roadmap tables with at most LIST_LIMIT measures in all; every measure goes to the CSV."""
    printed = 0
    result = []
    for view in views:
        url = links.roadmap_url(view.roadmap.pk, public_roadmap_ids=public_ids)
        lines = []
        for action_field, measures in view.action_fields:
            for measure in measures:
                measure_url = links.measure_url(
                    measure, public_roadmap_ids=public_ids, roadmap_id=view.roadmap.pk
                )
                _add_status(
                    report,
                    f,
                    measure,
                    section="Maßnahmen",
                    kind="Maßnahme",
                    item=measure.title,
                    url=measure_url,
                )
                if printed < LIST_LIMIT:
                    lines.append(
                        {"action_field": action_field, "measure": measure, "url": measure_url}
                    )
                    printed += 1
            if not measures and printed < LIST_LIMIT:
                lines.append({"action_field": action_field, "measure": None, "url": ""})
        result.append({"view": view, "roadmap": view.roadmap, "url": url, "lines": lines})
    return result


def _activities(report: ReportContext, f, activities: list[Activity]) -> dict:
    total = Decimal(0)
    kinds: Counter = Counter()
    # The labels translated once: `get_funding_source_display()` per activity (5,000 a year at
    # 10× data, each in one or two fields) costs more than the rest of the CSV line.
    sources = dict(Activity._meta.get_field("funding_source").flatchoices)
    sources = {value: str(label) for value, label in sources.items()}
    activity_url = links.activity_url_maker()
    for activity in activities:
        kinds[activity.kind] += 1
        total += activity.funding_amount or 0
        report.data.add(
            section="Aktivitäten",
            field=f,
            kind="Aktivität",
            pk=activity.pk,
            code=activity.reference,
            item=activity.title,
            metric="Fördersumme",
            period=report.spec.year,
            value=activity.funding_amount,
            unit="EUR",
            source=sources.get(activity.funding_source, activity.funding_source),
            url=activity_url(activity),
        )
    return {
        "listed": activities[:LIST_LIMIT],
        "count": len(activities),
        "rest": max(0, len(activities) - LIST_LIMIT),
        "funding_total": total,
        "by_kind": [
            (str(label), kinds[value]) for value, label in Activity.Kind.choices if kinds[value]
        ],
    }


def _indicators(report: ReportContext, f) -> dict:
    year = report.spec.year
    scopes = sorted(
        (scope for scope in report.snapshot.indicator_table.for_field(f.pk) if scope.rows),
        key=chapter_priority,
    )
    rows = []
    for scope in scopes:
        add_indicator_rows(
            report.data, section="Indikatoren", field=f, scope=scope, rows=scope.rows
        )
        rows.extend(scope.rows)
    year_rows = [scope.row(year) for scope in scopes if scope.row(year) is not None]
    figures = [
        series_figure(scope, report.spec.years, where=f.name)
        for scope in scopes[:FIELD_CHARTS]
        if scope.value_rows
    ]
    return {
        "figures": figures,
        "year_rows": [
            {"row": row, "url": links.indicator_url(row.indicator)}
            for row in year_rows[:TABLE_ROWS_PER_CHAPTER]
        ],
        "year_rest": max(0, len(year_rows) - TABLE_ROWS_PER_CHAPTER),
        "rows": rows,
    }


def field_chapters(report: ReportContext) -> list[Section]:
    snapshot = report.snapshot
    public_ids = set(
        Roadmap.objects.live().filter(status=Roadmap.Status.PUBLISHED).values_list("pk", flat=True)
    )
    activities = snapshot.activities_by_field(report.spec.year)
    sections = []
    for number, f in enumerate(snapshot.fields, start=1):
        themes = snapshot.themes_by_field.get(f.pk, [])
        views = snapshot.roadmaps_by_field.get(f.pk, [])
        for theme in themes:
            _add_status(report, f, theme, section="Themen", kind="Thema", item=theme.name)
        highlights = [t for t in themes if t.is_highlight]
        active = [t for t in themes if t.status == Theme.Status.ACTIVE]
        kinds = Counter(actor.kind for actor in snapshot.actors_by_field.get(f.pk, []))
        theme_counts = Counter(t.status for t in themes)
        measure_counts = measure_status_counts(views)
        indicators = _indicators(report, f)
        charts = [
            Chart(
                _("Themen nach Status – %(field)s") % {"field": f.name},
                [(str(label), theme_counts.get(value, 0)) for value, label in Theme.Status.choices],
            ),
            Chart(
                _("Maßnahmen nach Status – %(field)s") % {"field": f.name},
                list(measure_counts.items()),
            ),
            Chart(
                _("Akteure nach Art – %(field)s") % {"field": f.name},
                [(str(label), kinds.get(value, 0)) for value, label in Actor.Kind.choices],
            ),
        ]
        sections.append(
            Section(
                key=f"feld-{f.slug}",
                title=f"{number}. {f.name}",
                template="reports/pdf/section_field.html",
                context={
                    "field": f,
                    "field_url": links.field_url(f),
                    "narrative": report.narrative(Narrative.Chapter.FIELD, f.pk),
                    "key_figures": _key_figures(report, f),
                    "highlights": highlights[:LIST_LIMIT],
                    "active_themes": active[:LIST_LIMIT],
                    "more_themes": max(0, len(highlights) - LIST_LIMIT)
                    + max(0, len(active) - LIST_LIMIT),
                    "other_theme_count": sum(
                        1
                        for t in themes
                        if t.status not in (Theme.Status.ACTIVE, Theme.Status.HIGHLIGHT)
                    ),
                    "roadmaps": _roadmaps(report, f, views, public_ids),
                    "measure_total": sum(measure_counts.values()),
                    "measure_counts": measure_counts,
                    "activities": _activities(report, f, activities.get(f.pk, [])),
                    "indicators": indicators,
                    "indicator_rows": indicators["rows"],
                    "list_limit": LIST_LIMIT,
                    "no_data": NO_DATA,
                    "year": report.spec.year,
                },
                charts=[*indicators["figures"], *charts],
            )
        )
    return sections
