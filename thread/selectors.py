"""The golden thread of one object: where it comes from and what follows from it.

Each `thread_for_<kind>` returns a `Thread` of entries upstream (field → theme → network → need
→ roadmap → recommendation → decision) and downstream (measures → activities → indicators →
report lines), filtered by what the viewer may see (`links.Viewer`). Every builder runs a fixed
number of queries, independent of how many objects hang on the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fields import selectors as fields_selectors
from fields.models import Measure, Need, Roadmap, SpecializationField, Theme, ValueNetwork
from governance.models import Decision, Recommendation, ReviewItem, ReviewRound
from monitoring.models import Activity, Indicator
from reports.models import Report
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


def _field_entry(viewer: Viewer, field_: SpecializationField) -> Entry:
    return _named(_("Spezialisierungsfeld"), field_, links.field_url(viewer, field_))


def _theme_entries(viewer: Viewer, themes) -> list[Entry]:
    return [
        _named(_("Thema"), theme, links.theme_url(viewer, theme), theme.get_status_display())
        for theme in themes
        if links.theme_visible(viewer, theme)
    ]


def _network_entry(viewer: Viewer, network: ValueNetwork | None, field_id: int) -> list[Entry]:
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
            need_id__in=list(need_ids),
            round__status=ReviewRound.Status.CLOSED,
            round__is_archived=False,
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


def _need_entries(viewer: Viewer, needs) -> list[Entry]:
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


def _roadmap_entry(viewer: Viewer, roadmap: Roadmap, field_id: int) -> list[Entry]:
    url = links.roadmap_url(viewer, roadmap, field_id)
    if url is None:
        return []
    return [_german(Entry(_("Roadmap"), str(roadmap), url, roadmap.get_status_display()))]


def _governance_entries(viewer: Viewer, roadmaps: list[Roadmap]) -> list[Entry]:
    """Recommendations and decisions on these roadmaps, oldest first."""
    by_id = {r.pk: r for r in roadmaps}
    if not by_id:
        return []
    entries = []
    recommendations = Recommendation.objects.filter(
        roadmap_id__in=by_id, is_archived=False
    ).select_related("body")
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
    decisions = Decision.objects.filter(roadmap_id__in=by_id, is_archived=False).select_related(
        "body"
    )
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


def _measure_entries(viewer: Viewer, measures) -> list[Entry]:
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


def _activity_entries(viewer: Viewer, activities) -> list[Entry]:
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


def _indicator_entries(viewer: Viewer, indicators) -> list[Entry]:
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


def _report_entries(years, *, note: str = "") -> list[Entry]:
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


def _measures_with_chain():
    return Measure.objects.filter(
        is_archived=False, action_field__is_archived=False
    ).select_related("action_field__roadmap__network__theme__field")


def _indicators():
    return Indicator.objects.filter(is_archived=False).order_by("code")


def _activities():
    return Activity.objects.filter(is_archived=False).order_by("-start_date", "title")


def _needs_of(measure_ids):
    return (
        Need.objects.filter(measures__in=list(measure_ids), is_archived=False)
        .select_related("theme__field")
        .distinct()
        .order_by("-priority", "title")
    )


def _roadmap_years(roadmaps) -> list[int]:
    """Annual reports list the measures of roadmaps approved by then."""
    years: list[int] = []
    for roadmap in roadmaps:
        decided = roadmap.decided_at or roadmap.published_at
        if decided is not None:
            years.extend(range(decided.year, decided.year + 10))
    return years


def _upstream_of_roadmap(viewer: Viewer, roadmap: Roadmap) -> list[Entry]:
    network = roadmap.network
    theme = network.theme
    return [
        _field_entry(viewer, theme.field),
        *_theme_entries(viewer, [theme]),
        *_network_entry(viewer, network, theme.field_id),
    ]


# --- per kind --------------------------------------------------------------------------------


def thread_for_measure(viewer: Viewer, measure: Measure) -> Thread:
    # Reloaded with its chain (an archived measure's own page still shows where it belonged).
    measure = Measure.objects.select_related("action_field__roadmap__network__theme__field").get(
        pk=measure.pk
    )
    roadmap = measure.action_field.roadmap
    return Thread(
        upstream=[
            *_upstream_of_roadmap(viewer, roadmap),
            *_need_entries(viewer, _needs_of([measure.pk])),
            *_roadmap_entry(viewer, roadmap, roadmap.network.theme.field_id),
            *_governance_entries(viewer, [roadmap]),
        ],
        downstream=[
            *_activity_entries(viewer, _activities().filter(measure=measure)),
            *_indicator_entries(viewer, _indicators().filter(measures=measure)),
            *_report_entries(_roadmap_years([roadmap]), note=_("Maßnahmen der Roadmap")),
        ],
        chain_url=_chain_url(viewer, roadmap),
    )


def thread_for_roadmap(viewer: Viewer, roadmap: Roadmap) -> Thread:
    roadmap = Roadmap.objects.select_related("network__theme__field").get(pk=roadmap.pk)
    measures = list(_measures_with_chain().filter(action_field__roadmap=roadmap))
    measure_ids = [m.pk for m in measures]
    return Thread(
        upstream=[
            *_upstream_of_roadmap(viewer, roadmap),
            *_need_entries(viewer, _needs_of(measure_ids)),
            *_governance_entries(viewer, [roadmap]),
        ],
        downstream=[
            *_activity_entries(viewer, _activities().filter(measure__in=measure_ids)),
            *_indicator_entries(viewer, _indicators().filter(measures__in=measure_ids).distinct()),
            *_report_entries(_roadmap_years([roadmap]), note=_("Maßnahmen der Roadmap")),
        ],
        chain_url=_chain_url(viewer, roadmap),
    )


def thread_for_need(viewer: Viewer, need: Need) -> Thread:
    need = Need.objects.select_related("theme__field", "network").get(pk=need.pk)
    measures = list(_measures_with_chain().filter(needs=need))
    roadmaps = list({m.action_field.roadmap_id: m.action_field.roadmap for m in measures}.values())
    measure_ids = [m.pk for m in measures]
    field_id = need.theme.field_id
    return Thread(
        upstream=[
            _field_entry(viewer, need.theme.field),
            *_theme_entries(viewer, [need.theme]),
            *_network_entry(viewer, need.network, field_id),
            *_need_entries(viewer, [need]),
        ],
        downstream=[
            *_measure_entries(viewer, measures),
            *[e for r in roadmaps for e in _roadmap_entry(viewer, r, field_id)],
            *_governance_entries(viewer, roadmaps),
            *_activity_entries(viewer, _activities().filter(measure__in=measure_ids)),
            *_indicator_entries(viewer, _indicators().filter(measures__in=measure_ids).distinct()),
        ],
    )


def _roadmaps_of(**lookup) -> list[Roadmap]:
    return list(
        Roadmap.objects.filter(is_archived=False, **lookup)
        .select_related("network__theme__field")
        .order_by("network__name", "-number")
    )


def thread_for_network(viewer: Viewer, network: ValueNetwork) -> Thread:
    network = ValueNetwork.objects.select_related("theme__field").get(pk=network.pk)
    roadmaps = _roadmaps_of(network=network)
    field_id = network.theme.field_id
    return Thread(
        upstream=[
            _field_entry(viewer, network.theme.field),
            *_theme_entries(viewer, [network.theme]),
        ],
        downstream=[
            *_need_entries(
                viewer,
                network.needs.filter(is_archived=False).select_related("theme__field"),
            ),
            *[e for r in roadmaps for e in _roadmap_entry(viewer, r, field_id)],
            *_governance_entries(viewer, roadmaps),
        ],
    )


def thread_for_theme(viewer: Viewer, theme: Theme) -> Thread:
    theme = Theme.objects.select_related("field").get(pk=theme.pk)
    roadmaps = _roadmaps_of(network__theme=theme)
    return Thread(
        upstream=[_field_entry(viewer, theme.field)],
        downstream=[
            *[
                e
                for network in theme.networks.filter(is_archived=False)
                for e in _network_entry(viewer, network, theme.field_id)
            ],
            *_need_entries(
                viewer, theme.needs.filter(is_archived=False).select_related("theme__field")
            ),
            *[e for r in roadmaps for e in _roadmap_entry(viewer, r, theme.field_id)],
            *_governance_entries(viewer, roadmaps),
            *_activity_entries(viewer, _activities().filter(themes=theme)),
        ],
    )


def thread_for_field(viewer: Viewer, field_: SpecializationField) -> Thread:
    """The field page lists its themes, networks and roadmaps itself; the panel adds the
    decisions on them, the indicators their measures move and the results chain."""
    if viewer.internals(field_.pk):
        roadmaps = [r for r in _roadmaps_of(network__theme__field=field_) if r.is_current]
    else:
        roadmaps = list(
            fields_selectors.roadmap_list_public(field_).select_related("network__theme__field")
        )
    return Thread(
        downstream=[
            *_governance_entries(viewer, roadmaps),
            *_indicator_entries(
                viewer,
                _indicators()
                .filter(measures__action_field__roadmap__in=[r.pk for r in roadmaps])
                .distinct(),
            ),
        ],
        chain_url=_field_chain_url(viewer, field_),
    )


def thread_for_activity(viewer: Viewer, activity: Activity) -> Thread:
    activity = (
        Activity.objects.select_related("measure__action_field__roadmap__network__theme__field")
        .prefetch_related(
            "fields", Prefetch("themes", queryset=Theme.objects.select_related("field"))
        )
        .get(pk=activity.pk)
    )
    upstream = [_field_entry(viewer, f) for f in activity.fields.all()]
    upstream += _theme_entries(viewer, activity.themes.all())
    downstream = []
    chain_url = None
    measure = activity.measure
    if measure is not None and not measure.is_archived:
        roadmap = measure.action_field.roadmap
        field_id = roadmap.network.theme.field_id
        upstream += _need_entries(viewer, _needs_of([measure.pk]))
        upstream += _measure_entries(viewer, [measure])
        upstream += _roadmap_entry(viewer, roadmap, field_id)
        upstream += _governance_entries(viewer, [roadmap])
        downstream += _indicator_entries(viewer, _indicators().filter(measures=measure))
        chain_url = _chain_url(viewer, roadmap)
    end = activity.end_date or activity.start_date
    downstream += _report_entries(
        range(activity.start_date.year, end.year + 1), note=_("Aktivitäten des Jahres")
    )
    return Thread(upstream=upstream, downstream=downstream, chain_url=chain_url)


def thread_for_indicator(viewer: Viewer, indicator: Indicator) -> Thread:
    measures = list(_measures_with_chain().filter(indicators=indicator))
    roadmaps = list({m.action_field.roadmap_id: m.action_field.roadmap for m in measures}.values())
    years = indicator.values.filter(is_archived=False, field__isnull=False).values_list(
        "year", flat=True
    )
    return Thread(
        upstream=[
            *_need_entries(viewer, _needs_of([m.pk for m in measures])),
            *_measure_entries(viewer, measures),
            *[e for r in roadmaps for e in _roadmap_entry(viewer, r, r.network.theme.field_id)],
            *_governance_entries(viewer, roadmaps),
        ],
        downstream=_report_entries(set(years), note=_("Indikatorentabelle")),
    )


def thread_for_decision(viewer: Viewer, decision: Decision) -> Thread:
    roadmap = decision.roadmap
    if roadmap is None:
        return Thread()
    roadmap = Roadmap.objects.select_related("network__theme__field").get(pk=roadmap.pk)
    measures = list(_measures_with_chain().filter(action_field__roadmap=roadmap))
    measure_ids = [m.pk for m in measures]
    reports = (
        _report_entries([decision.decided_at.year], note=_("Governance: Beschlüsse des Jahres"))
        if decision.is_public
        else []
    )
    return Thread(
        upstream=[
            *_upstream_of_roadmap(viewer, roadmap),
            *_need_entries(viewer, _needs_of(measure_ids)),
            *_roadmap_entry(viewer, roadmap, roadmap.network.theme.field_id),
        ],
        downstream=[
            *_measure_entries(viewer, measures),
            *_indicator_entries(viewer, _indicators().filter(measures__in=measure_ids).distinct()),
            *reports,
        ],
        chain_url=_chain_url(viewer, roadmap),
    )


def _chain_url(viewer: Viewer, roadmap: Roadmap) -> str | None:
    from django.urls import reverse

    if links.roadmap_visible(viewer, roadmap, roadmap.network.theme.field_id):
        return reverse("thread:roadmap_chain", kwargs={"pk": roadmap.pk})
    return None


def _field_chain_url(viewer: Viewer, field_: SpecializationField) -> str:
    from django.urls import reverse

    return reverse("thread:field_chain", kwargs={"slug": field_.slug})
