"""The pieces of a golden thread: its entries, and the building blocks that turn rows of
one kind into entries the viewer may open (`links.Viewer`). `selectors` assembles them per
kind of object."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.translation import gettext as _

from fields.models import Measure, Need, Roadmap, SpecializationField, ValueNetwork
from governance.models import Decision, Recommendation, ReviewItem, ReviewRound
from monitoring.models import Activity, Indicator
from reports.models import Report
from ris_portal.models import live_q
from ris_portal.numbers import format_number
from ris_portal.templatetags.ris import german_language, name_and_language

from . import links
from .links import Viewer

ACTIVITY_LIMIT = 10  # activities named per panel; the rest are counted


@dataclass
class Entry:
    kind: str
    title: str
    url: str | None = None
    note: str = ""
    note_link_text: str = ""
    note_url: str | None = None
    # The language of `title` when it is not the page's (German content in the English UI).
    lang: str | None = None


def _german(entry: Entry) -> Entry:
    """The entry's title is German content (a title without an English version)."""
    entry.lang = german_language()
    return entry


def _named(kind: str, obj, url: str | None, note: str = "") -> Entry:
    """An entry titled with the name of `obj` (its English name in the English UI, if any)."""
    name, language = name_and_language(obj)
    return Entry(kind, name, url, note, lang=language)


def _with_german(template: str, **values) -> str:
    """A note of the UI (`template` with %(name)s) whose values are German content, each
    marked lang="de" when the UI is not German."""
    language = german_language()
    marked = {
        key: format_html('<span lang="{}">{}</span>', language, value) if language else value
        for key, value in values.items()
    }
    return format_html(template.replace("%(", "{").replace(")s", "}"), **marked)


@dataclass
class Thread:
    upstream: list[Entry] = field(default_factory=list)
    downstream: list[Entry] = field(default_factory=list)
    chain_url: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.upstream or self.downstream)


# --- building blocks -------------------------------------------------------------------------


def field_entry(viewer: Viewer, field_: SpecializationField) -> Entry:
    return _named(_("Spezialisierungsfeld"), field_, links.field_url(viewer, field_))


def theme_entries(viewer: Viewer, themes) -> list[Entry]:
    return [
        _named(_("Thema"), theme, links.theme_url(viewer, theme), theme.get_status_display())
        for theme in themes
        if links.theme_visible(viewer, theme)
    ]


def network_entry(viewer: Viewer, network: ValueNetwork | None, field_id: int) -> list[Entry]:
    if network is None or network.is_archived:
        return []
    return [
        _german(
            Entry(
                _("Wertschöpfungsnetzwerk"),
                network.name,
                links.network_url(viewer, network, field_id),
            )
        )
    ]


def _latest_round_items(need_ids) -> dict[int, ReviewItem]:
    """Per need, the item of the most recently closed round that scored it."""
    items = (
        ReviewItem.objects.filter(
            live_q("round"),
            need_id__in=list(need_ids),
            round__status=ReviewRound.Status.CLOSED,
            mean__isnull=False,
        )
        .select_related("round")
        .order_by("-round__closed_at", "-pk")
    )
    latest: dict[int, ReviewItem] = {}
    for item in items:
        if item.need_id is not None:  # filtered above; narrows the type
            latest.setdefault(item.need_id, item)
    return latest


def need_entries(viewer: Viewer, needs) -> list[Entry]:
    """Needs with their priority and the round result that set it (internal pages only)."""
    needs = [n for n in needs if not n.is_archived and viewer.internals(n.theme.field_id)]
    rounds = _latest_round_items(n.pk for n in needs)
    entries = []
    for need in needs:
        item = rounds.get(need.pk)
        note = (
            _("Priorität %(value)s") % {"value": format_number(need.priority, 2)}
            if need.priority is not None
            else _("noch nicht priorisiert")
        )
        entry = _german(
            Entry(
                need.get_kind_display(),
                need.title,
                links.need_url(viewer, need, need.theme.field_id),
            )
        )
        entry.note = note
        if item is not None:
            entry.note_link_text = _with_german(
                _("Ergebnis der Priorisierungsrunde „%(round)s“"), round=item.round.title
            )
            entry.note_url = links.review_item_url(viewer, item)
            if entry.note_url is None:
                entry.note_link_text = ""
        entries.append(entry)
    return entries


def roadmap_entry(viewer: Viewer, roadmap: Roadmap, field_id: int) -> list[Entry]:
    url = links.roadmap_url(viewer, roadmap, field_id)
    if url is None:
        return []
    return [_german(Entry(_("Roadmap"), str(roadmap), url, roadmap.get_status_display()))]


def governance_entries(viewer: Viewer, roadmaps: list[Roadmap]) -> list[Entry]:
    """Recommendations and decisions on these roadmaps, oldest first."""
    by_id = {r.pk: r for r in roadmaps}
    if not by_id:
        return []
    entries = []
    recommendations = (
        Recommendation.objects.live().filter(roadmap_id__in=by_id).select_related("body")
    )
    for rec in recommendations.order_by("given_at", "pk"):
        if not links.recommendation_visible(viewer, rec, by_id[rec.roadmap_id]):
            continue
        outcome = rec.get_outcome_display() if rec.outcome else rec.get_status_display()
        date = f", {rec.given_at:%d.%m.%Y}" if rec.given_at else ""
        entries.append(
            Entry(
                _("Empfehlung"),
                f"{outcome} – {rec.body.name}",
                rec.get_absolute_url(),
                f"{rec.get_procedure_display()}{date}",
            )
        )
    decisions = Decision.objects.live().filter(roadmap_id__in=by_id).select_related("body")
    for decision in decisions.order_by("decided_at", "pk"):
        if not links.decision_visible(viewer, decision):
            continue
        entries.append(
            _german(
                Entry(
                    _("Beschluss"),
                    decision.title,
                    links.decision_url(viewer, decision),
                    _("%(outcome)s – %(body)s, %(date)s")
                    % {
                        "outcome": decision.get_outcome_display(),
                        "body": decision.body.name,
                        "date": f"{decision.decided_at:%d.%m.%Y}",
                    },
                )
            )
        )
    return entries


def measure_entries(viewer: Viewer, measures) -> list[Entry]:
    entries = []
    for measure in measures:
        roadmap = measure.action_field.roadmap
        field_id = roadmap.network.theme.field_id
        url = links.measure_url(viewer, measure, roadmap, field_id)
        if url is None:
            continue
        entries.append(
            _german(
                Entry(
                    _("Maßnahme"),
                    measure.title,
                    url,
                    format_html(
                        "{} · {}",
                        measure.get_status_display(),
                        _with_german("%(roadmap)s", roadmap=roadmap.title),
                    ),
                )
            )
        )
    return entries


def activity_entries(viewer: Viewer, activities) -> list[Entry]:
    activities = list(activities[: ACTIVITY_LIMIT + 1])
    entries = [
        _german(
            Entry(
                _("Aktivität"),
                activity.title,
                links.activity_url(viewer, activity),
                f"{activity.get_kind_display()}, {activity.start_date:%d.%m.%Y}",
            )
        )
        for activity in activities[:ACTIVITY_LIMIT]
    ]
    if len(activities) > ACTIVITY_LIMIT:
        entries.append(Entry(_("Aktivität"), _("… und weitere Aktivitäten")))
    return entries


def indicator_entries(viewer: Viewer, indicators) -> list[Entry]:
    entries = []
    for indicator in indicators:
        name, language = name_and_language(indicator)
        entries.append(
            Entry(
                _("Indikator"),
                f"{indicator.code} – {name}",
                links.indicator_url(viewer, indicator),
                indicator.get_kind_display(),
                lang=language,
            )
        )
    return entries


def report_entries(years, *, note: str = "") -> list[Entry]:
    years = sorted({y for y in years if y})
    if not years:
        return []
    reports = Report.objects.filter(status=Report.Status.PUBLISHED, year__in=years).order_by(
        "-year", "kind", "-number"
    )
    return [
        _german(Entry(_("Monitoringbericht"), report.title, links.report_url(report), note))
        for report in reports
    ]


def measures_with_chain():
    return Measure.objects.live("action_field").select_related(
        "action_field__roadmap__network__theme__field"
    )


def live_indicators():
    return Indicator.objects.live().order_by("code")


def live_activities():
    return Activity.objects.live().order_by("-start_date", "title")


def needs_of(measure_ids):
    return (
        Need.objects.live()
        .filter(measures__in=list(measure_ids))
        .select_related("theme__field")
        .distinct()
        .order_by("-priority", "title")
    )


def roadmap_years(roadmaps) -> list[int]:
    """Annual reports list the measures of roadmaps approved by then."""
    years: list[int] = []
    for roadmap in roadmaps:
        decided = roadmap.decided_at or roadmap.published_at
        if decided is not None:
            years.extend(range(decided.year, decided.year + 10))
    return years


def upstream_of_roadmap(viewer: Viewer, roadmap: Roadmap) -> list[Entry]:
    network = roadmap.network
    theme = network.theme
    return [
        field_entry(viewer, theme.field),
        *theme_entries(viewer, [theme]),
        *network_entry(viewer, network, theme.field_id),
    ]
