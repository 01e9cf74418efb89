"""„Die Spezialisierungsfelder im Überblick“: themes, highlights, actors, roadmaps per field."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from fields.models import Measure

from ...charts import Chart
from .. import links
from ..base import ReportContext, Section, chapter

SECTION = "Zusammenfassung"


def measure_status_counts(roadmap_views) -> dict[str, int]:
    counts = Counter(m.status for view in roadmap_views for m in view.measures)
    return {str(label): counts.get(value, 0) for value, label in Measure.Status.choices}


def summary(report: ReportContext) -> list[Section]:
    snapshot = report.snapshot
    rows = []
    for f in snapshot.fields:
        themes = snapshot.themes_by_field.get(f.pk, [])
        roadmaps = snapshot.roadmaps_by_field.get(f.pk, [])
        row = {
            "field": f,
            "themes": len(themes),
            "highlights": sum(1 for t in themes if t.is_highlight),
            "highlight_names": [t.name for t in themes if t.is_highlight],
            "actors": len(snapshot.actors_by_field.get(f.pk, [])),
            "roadmaps": len(roadmaps),
            "measures": sum(len(view.measures) for view in roadmaps),
        }
        rows.append(row)
        head = report.data.head(
            section=SECTION,
            kind="Spezialisierungsfeld",
            field=f,
            pk=f.pk,
            code=f.code,
            item=f.name,
        )
        url = links.field_url(f)
        for metric, key in (
            ("Themen", "themes"),
            ("Highlights", "highlights"),
            ("Akteure", "actors"),
            ("Roadmaps", "roadmaps"),
            ("Maßnahmen", "measures"),
        ):
            report.data.add_line(
                head,
                metric=metric,
                period=report.spec.cutoff_text,
                value=row[key],
                unit="Anzahl",
                url=url,
            )
    all_views = [view for views in snapshot.roadmaps_by_field.values() for view in views]
    measure_totals = measure_status_counts(all_views)
    charts = [
        Chart(_("Themen je Spezialisierungsfeld"), [(r["field"].name, r["themes"]) for r in rows]),
        Chart(_("Akteure je Spezialisierungsfeld"), [(r["field"].name, r["actors"]) for r in rows]),
        Chart(_("Maßnahmen aller Roadmaps nach Status"), list(measure_totals.items())),
    ]
    return chapter(
        "zusammenfassung",
        _("Die Spezialisierungsfelder im Überblick"),
        "summary",
        {"rows": rows, "spec": report.spec, "measure_totals": measure_totals},
        charts=charts,
    )
