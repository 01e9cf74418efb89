"""What goes into a report: small "section providers", one per chapter.

Each provider takes the `ReportSpec` and a `DataTable` (the CSV attachment, filled as the
chapters are built, so that the attachment holds exactly the numbers printed in the report)
and returns a list of `Section`s. `build_report_content()` runs them in order and adds the
table of contents. Providers read only; a chapter without data for the year says `NO_DATA`.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import Actor, Measure, Roadmap, SpecializationField, Theme
from governance.models import Body, Membership
from monitoring.models import Indicator
from ris_portal.models import live_q
from ris_portal.spreadsheets import escape_formula, safe_row

from .charts import Chart

NO_DATA = "Für dieses Jahr liegen noch keine Daten vor."
CSV_HEADER = [
    "Abschnitt",
    "Spezialisierungsfeld",
    "Gegenstand",
    "Merkmal",
    "Wert",
    "Einheit",
    "Quelle",
]


@dataclass(frozen=True)
class ReportSpec:
    year: int
    kind: str = "jahresbericht"
    title: str = ""
    version: int = 1
    generated_at: datetime.datetime = field(default_factory=timezone.now)


@dataclass
class Section:
    key: str  # also the HTML id the table of contents links to
    title: str
    template: str
    context: dict = field(default_factory=dict)
    in_toc: bool = True
    charts: list[Chart] = field(default_factory=list)


@dataclass
class DataTable:
    rows: list[list[str]] = field(default_factory=list)

    def add(self, section, field_name, item, metric, value, unit="", source="") -> None:
        # Text cells come from editable names; the value stays a plain number (may be negative).
        text = safe_row([str(section), str(field_name), str(item), str(metric)])
        plain = _plain(value)
        if not isinstance(value, int | float | Decimal):
            plain = escape_formula(plain)  # text values (names, key figures), not numbers
        self.rows.append([*text, plain, *safe_row([str(unit), str(source)])])


@dataclass
class ReportContent:
    spec: ReportSpec
    sections: list[Section]
    data: DataTable

    @property
    def charts(self) -> list[Chart]:
        return [chart for section in self.sections for chart in section.charts]


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


# --- providers ----------------------------------------------------------------------------------


def cover(spec: ReportSpec, data: DataTable) -> list[Section]:
    return [
        Section(
            key="titelseite",
            title=spec.title,
            template="reports/pdf/section_cover.html",
            context={"spec": spec},
            in_toc=False,
        )
    ]


def _fields() -> list[SpecializationField]:
    return list(SpecializationField.objects.live().order_by("order", "name"))


def _themes_by_field() -> dict[int, list[Theme]]:
    result: dict[int, list[Theme]] = defaultdict(list)
    themes = Theme.objects.live().prefetch_related("potentials").order_by("field__order", "name")
    for theme in themes:
        result[theme.field_id].append(theme)
    return result


def _current_roadmaps_by_field() -> dict[int, list[Roadmap]]:
    """Current roadmaps that the steering committee approved or published, with measures."""
    result: dict[int, list[Roadmap]] = defaultdict(list)
    roadmaps = (
        Roadmap.objects.live()
        .filter(is_current=True, status__in=[Roadmap.Status.APPROVED, Roadmap.Status.PUBLISHED])
        .select_related("network__theme")
        .prefetch_related(
            Prefetch(
                "action_fields__measures",
                queryset=Measure.objects.live().order_by("order", "id"),
            )
        )
        .order_by("network__name")
    )
    for roadmap in roadmaps:
        result[roadmap.network.theme.field_id].append(roadmap)
    return result


def _measure_status_counts(roadmaps: list[Roadmap]) -> dict[str, int]:
    counts = Counter(
        measure.status
        for roadmap in roadmaps
        for action_field in roadmap.action_fields.all()
        for measure in action_field.measures.all()
    )
    return {str(label): counts.get(value, 0) for value, label in Measure.Status.choices}


def summary(spec: ReportSpec, data: DataTable) -> list[Section]:
    fields = _fields()
    themes = _themes_by_field()
    roadmaps = _current_roadmaps_by_field()
    actor_counts = dict(
        SpecializationField.objects.annotate(
            n=Count("actors", filter=live_q("actors"))
        ).values_list("id", "n")
    )
    rows = []
    for f in fields:
        field_themes = themes.get(f.id, [])
        measures = _measure_status_counts(roadmaps.get(f.id, []))
        row = {
            "field": f,
            "themes": len(field_themes),
            "highlights": sum(1 for t in field_themes if t.is_highlight),
            "highlight_names": [t.name for t in field_themes if t.is_highlight],
            "actors": actor_counts.get(f.id, 0),
            "roadmaps": len(roadmaps.get(f.id, [])),
            "measures": sum(measures.values()),
        }
        rows.append(row)
        for metric, key in (
            ("Themen", "themes"),
            ("Highlights", "highlights"),
            ("Akteure", "actors"),
            ("Roadmaps", "roadmaps"),
            ("Maßnahmen", "measures"),
        ):
            data.add("Zusammenfassung", f.name, f.name, metric, row[key])
    all_measures = _measure_status_counts([r for rs in roadmaps.values() for r in rs])
    charts = [
        Chart(_("Themen je Spezialisierungsfeld"), [(r["field"].name, r["themes"]) for r in rows]),
        Chart(_("Akteure je Spezialisierungsfeld"), [(r["field"].name, r["actors"]) for r in rows]),
        Chart(_("Maßnahmen aller Roadmaps nach Status"), list(all_measures.items())),
    ]
    return [
        Section(
            key="zusammenfassung",
            title=_("Zusammenfassung"),
            template="reports/pdf/section_summary.html",
            context={"rows": rows, "spec": spec, "measure_totals": all_measures},
            charts=charts,
        )
    ]


def field_chapters(spec: ReportSpec, data: DataTable) -> list[Section]:
    fields = _fields()
    themes = _themes_by_field()
    roadmaps = _current_roadmaps_by_field()
    actor_kinds: dict[int, Counter] = defaultdict(Counter)
    for field_id, kind in Actor.objects.live().values_list("fields", "kind"):
        if field_id:
            actor_kinds[field_id][kind] += 1
    activities = activities_by_field(spec.year)
    indicators = indicator_rows_by_field(spec.year)
    sections = []
    for number, f in enumerate(fields, start=1):
        field_themes = themes.get(f.id, [])
        field_roadmaps = roadmaps.get(f.id, [])
        measure_counts = _measure_status_counts(field_roadmaps)
        theme_counts = Counter(t.status for t in field_themes)
        kinds = actor_kinds.get(f.id, Counter())
        key_figures = [
            {
                "label": figure.get("label") or figure.get("metric", ""),
                "value": figure.get("value"),
                "period_label": figure.get("period_label", ""),
                "source": figure.get("source", ""),
            }
            for figure in f.key_figures or []
        ]
        for figure in key_figures:
            data.add(
                "Kennzahlen",
                f.name,
                f.name,
                figure["label"],
                figure["value"],
                figure["period_label"],
                figure["source"],
            )
        for theme in field_themes:
            data.add("Themen", f.name, theme.name, "Status", theme.get_status_display())
        for roadmap in field_roadmaps:
            for action_field in roadmap.action_fields.all():
                for measure in action_field.measures.all():
                    data.add(
                        "Maßnahmen", f.name, measure.title, "Status", measure.get_status_display()
                    )
        for row in indicators.get(f.id, []):
            data.add(
                "Indikatoren",
                f.name,
                row["indicator"].code,
                f"Ist {spec.year}",
                row["actual"],
                row["indicator"].unit,
                row["indicator"].source,
            )
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
                    "key_figures": key_figures,
                    "highlights": [t for t in field_themes if t.is_highlight],
                    "active_themes": [t for t in field_themes if t.status == Theme.Status.ACTIVE],
                    "other_theme_count": sum(
                        1
                        for t in field_themes
                        if t.status not in (Theme.Status.ACTIVE, Theme.Status.HIGHLIGHT)
                    ),
                    "roadmaps": field_roadmaps,
                    "measure_counts": measure_counts,
                    "activities": activities.get(f.id),
                    "indicators": indicators.get(f.id),
                    "no_data": NO_DATA,
                    "year": spec.year,
                },
                charts=charts,
            )
        )
    return sections


class _ByField(dict):
    """Rows per field id (fields without rows are missing)."""


def activities_by_field(year: int) -> _ByField:
    """Activities running in `year`, per field id (an activity may serve several fields)."""
    from monitoring.models import Activity

    result = _ByField()
    activities = (
        Activity.objects.live()
        .filter(
            Q(start_date__year__lte=year)
            & (Q(end_date__isnull=True, start_date__year=year) | Q(end_date__year__gte=year))
        )
        .prefetch_related("fields")
        .order_by("start_date", "title")
    )
    for activity in activities:
        for f in activity.fields.all():
            result.setdefault(f.id, []).append(activity)
    return result


def indicator_rows_by_field(year: int) -> _ByField:
    """Indicator rows of `year` per field: baseline, target, actual, deviation, on-track status.

    The status is the monitoring app's (linear target path, tolerance per target), so report and
    dashboard never disagree.
    """
    from monitoring.models import IndicatorValue, Target
    from monitoring.selectors import STATUS_LABELS, on_track_status, planned_value

    result = _ByField()
    targets = {(t.indicator_id, t.field_id): t for t in Target.objects.all()}
    values = (
        IndicatorValue.objects.filter(year=year, field__isnull=False)
        .select_related("indicator")
        .order_by("indicator__code")
    )
    for value in values:
        target = targets.get((value.indicator_id, value.field_id)) or targets.get(
            (value.indicator_id, None)
        )
        planned = planned_value(target, year) if target else None
        deviation = None
        if planned not in (None, 0):
            deviation = (value.value - planned) / abs(planned) * 100
        status = on_track_status(
            value=value.value, year=year, target=target, direction=value.indicator.direction
        )
        result.setdefault(value.field_id, []).append(
            {
                "indicator": value.indicator,
                "actual": value.value,
                "provisional": value.status == IndicatorValue.Status.PROVISIONAL,
                "baseline": getattr(target, "baseline_value", None),
                "baseline_year": getattr(target, "baseline_year", None),
                "target": getattr(target, "target_value", None),
                "target_year": getattr(target, "target_year", None),
                "deviation": deviation,
                "status": status,
                "status_label": STATUS_LABELS[status],
            }
        )
    return result


def governance(spec: ReportSpec, data: DataTable) -> list[Section]:
    bodies = list(
        Body.objects.live()
        .select_related("field")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.active(datetime.date(spec.year, 12, 31))
                .select_related("user", "organisation")
                .order_by("role", "user__last_name"),
            )
        )
    )
    sector_totals: Counter = Counter()
    body_rows = []
    for body in bodies:
        members = list(body.memberships.all())
        sectors = Counter(m.sector for m in members)
        sector_totals.update(sectors)
        body_rows.append(
            {
                "body": body,
                "member_count": len(members),
                "sectors": [
                    (str(label), sectors.get(value, 0))
                    for value, label in Membership.Sector.choices
                ],
                "public_members": [m for m in members if m.public_consent],
            }
        )
        data.add(
            "Gremien", body.field.name if body.field else "", body.name, "Mitglieder", len(members)
        )
    chart = Chart(
        _("Mitglieder der Gremien nach Bereich"),
        [(str(label), sector_totals.get(value, 0)) for value, label in Membership.Sector.choices],
    )
    work = governance_work(spec.year)
    return [
        Section(
            key="governance",
            title=_("Governance"),
            template="reports/pdf/section_governance.html",
            context={"bodies": body_rows, "work": work, "no_data": NO_DATA, "year": spec.year},
            charts=[chart],
        )
    ]


def governance_work(year: int) -> dict:
    """Meetings held, public decisions taken and review rounds with a deadline in `year`."""
    from django.db.models import Count

    from governance.models import Decision, Meeting, ReviewRound

    return {
        "meetings": list(
            Meeting.objects.live()
            .filter(starts_at__year=year, cancelled_at__isnull=True)
            .select_related("body")
            .order_by("starts_at")
        ),
        "decisions": list(
            Decision.objects.filter(decided_at__year=year, is_public=True)
            .select_related("body")
            .order_by("decided_at")
        ),
        "review_rounds": list(
            ReviewRound.objects.filter(deadline__year=year)
            .select_related("body")
            .annotate(item_count=Count("items"))
            .order_by("deadline")
        ),
    }


ANNEX_ROWS_PER_TABLE = 25  # short tables instead of one table spanning many pages (see pdf.py)


def annex(spec: ReportSpec, data: DataTable) -> list[Section]:
    indicators = list(Indicator.objects.live().order_by("kind", "code"))
    groups: list[dict] = []
    for indicator in indicators:
        data.add(
            "Indikatorenkatalog",
            "",
            indicator.code,
            "Name",
            indicator.name,
            indicator.unit,
            indicator.source,
        )
        label = indicator.get_kind_display()
        if not groups or groups[-1]["kind"] != label:
            groups.append({"kind": label, "tables": [[]]})
        if len(groups[-1]["tables"][-1]) == ANNEX_ROWS_PER_TABLE:
            groups[-1]["tables"].append([])
        groups[-1]["tables"][-1].append(indicator)
    return [
        Section(
            key="anhang",
            title=_("Anhang: Indikatoren und Quellen"),
            template="reports/pdf/section_annex.html",
            context={"indicators": indicators, "groups": groups},
        )
    ]


Provider = Callable[[ReportSpec, DataTable], list[Section]]

# The chapters in print order. Add a chapter by appending a provider.
PROVIDERS: list[Provider] = [cover, summary, field_chapters, governance, annex]


def build_report_content(
    spec: ReportSpec, providers: list[Provider] | None = None
) -> ReportContent:
    data = DataTable()
    sections: list[Section] = []
    for provider in providers or PROVIDERS:
        sections.extend(provider(spec, data))
    toc = Section(
        key="inhalt",
        title=_("Inhalt"),
        template="reports/pdf/section_toc.html",
        context={"entries": [s for s in sections if s.in_toc]},
        in_toc=False,
    )
    # The table of contents follows the cover.
    sections.insert(1 if sections and sections[0].key == "titelseite" else 0, toc)
    return ReportContent(spec=spec, sections=sections, data=data)
