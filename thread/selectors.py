"""The golden thread of one object: where it comes from and what follows from it.

Each `thread_for_<kind>` returns a `Thread` of entries upstream (field → theme → network → need
→ roadmap → recommendation → decision) and downstream (measures → activities → indicators →
report lines), filtered by what the viewer may see (`links.Viewer`). Every builder runs a fixed
number of queries, independent of how many objects hang on the chain.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from fields import selectors as fields_selectors
from fields.models import Measure, Need, Roadmap, SpecializationField, Theme, ValueNetwork
from governance.models import Decision
from monitoring.models import Activity, Indicator

from . import links
from .entries import (
    Thread,
    activity_entries,
    field_entry,
    governance_entries,
    indicator_entries,
    live_activities,
    live_indicators,
    measure_entries,
    measures_with_chain,
    need_entries,
    needs_of,
    network_entry,
    report_entries,
    roadmap_entry,
    roadmap_years,
    theme_entries,
    upstream_of_roadmap,
)
from .links import Viewer

# --- per kind --------------------------------------------------------------------------------


def thread_for_measure(viewer: Viewer, measure: Measure) -> Thread:
    # Reloaded with its chain (an archived measure's own page still shows where it belonged).
    measure = Measure.objects.select_related("action_field__roadmap__network__theme__field").get(
        pk=measure.pk
    )
    roadmap = measure.action_field.roadmap
    return Thread(
        upstream=[
            *upstream_of_roadmap(viewer, roadmap),
            *need_entries(viewer, needs_of([measure.pk])),
            *roadmap_entry(viewer, roadmap, roadmap.network.theme.field_id),
            *governance_entries(viewer, [roadmap]),
        ],
        downstream=[
            *activity_entries(viewer, live_activities().filter(measure=measure)),
            *indicator_entries(viewer, live_indicators().filter(measures=measure)),
            *report_entries(roadmap_years([roadmap]), note=_("Maßnahmen der Roadmap")),
        ],
        chain_url=_chain_url(viewer, roadmap),
    )


def thread_for_roadmap(viewer: Viewer, roadmap: Roadmap) -> Thread:
    roadmap = Roadmap.objects.select_related("network__theme__field").get(pk=roadmap.pk)
    measures = list(measures_with_chain().filter(action_field__roadmap=roadmap))
    measure_ids = [m.pk for m in measures]
    return Thread(
        upstream=[
            *upstream_of_roadmap(viewer, roadmap),
            *need_entries(viewer, needs_of(measure_ids)),
            *governance_entries(viewer, [roadmap]),
        ],
        downstream=[
            *activity_entries(viewer, live_activities().filter(measure__in=measure_ids)),
            *indicator_entries(
                viewer, live_indicators().filter(measures__in=measure_ids).distinct()
            ),
            *report_entries(roadmap_years([roadmap]), note=_("Maßnahmen der Roadmap")),
        ],
        chain_url=_chain_url(viewer, roadmap),
    )


def thread_for_need(viewer: Viewer, need: Need) -> Thread:
    need = Need.objects.select_related("theme__field", "network").get(pk=need.pk)
    measures = list(measures_with_chain().filter(needs=need))
    roadmaps = list({m.action_field.roadmap_id: m.action_field.roadmap for m in measures}.values())
    measure_ids = [m.pk for m in measures]
    field_id = need.theme.field_id
    return Thread(
        upstream=[
            field_entry(viewer, need.theme.field),
            *theme_entries(viewer, [need.theme]),
            *network_entry(viewer, need.network, field_id),
            *need_entries(viewer, [need]),
        ],
        downstream=[
            *measure_entries(viewer, measures),
            *[e for r in roadmaps for e in roadmap_entry(viewer, r, field_id)],
            *governance_entries(viewer, roadmaps),
            *activity_entries(viewer, live_activities().filter(measure__in=measure_ids)),
            *indicator_entries(
                viewer, live_indicators().filter(measures__in=measure_ids).distinct()
            ),
        ],
    )


def _roadmaps_of(**lookup) -> list[Roadmap]:
    return list(
        Roadmap.objects.live()
        .filter(**lookup)
        .select_related("network__theme__field")
        .order_by("network__name", "-number")
    )


def thread_for_network(viewer: Viewer, network: ValueNetwork) -> Thread:
    network = ValueNetwork.objects.select_related("theme__field").get(pk=network.pk)
    roadmaps = _roadmaps_of(network=network)
    field_id = network.theme.field_id
    return Thread(
        upstream=[
            field_entry(viewer, network.theme.field),
            *theme_entries(viewer, [network.theme]),
        ],
        downstream=[
            *need_entries(
                viewer,
                network.needs.live().select_related("theme__field"),
            ),
            *[e for r in roadmaps for e in roadmap_entry(viewer, r, field_id)],
            *governance_entries(viewer, roadmaps),
        ],
    )


def thread_for_theme(viewer: Viewer, theme: Theme) -> Thread:
    theme = Theme.objects.select_related("field").get(pk=theme.pk)
    roadmaps = _roadmaps_of(network__theme=theme)
    return Thread(
        upstream=[field_entry(viewer, theme.field)],
        downstream=[
            *[
                e
                for network in theme.networks.live()
                for e in network_entry(viewer, network, theme.field_id)
            ],
            *need_entries(viewer, theme.needs.live().select_related("theme__field")),
            *[e for r in roadmaps for e in roadmap_entry(viewer, r, theme.field_id)],
            *governance_entries(viewer, roadmaps),
            *activity_entries(viewer, live_activities().filter(themes=theme)),
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
            *governance_entries(viewer, roadmaps),
            *indicator_entries(
                viewer,
                live_indicators()
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
    upstream = [field_entry(viewer, f) for f in activity.fields.all()]
    upstream += theme_entries(viewer, activity.themes.all())
    downstream = []
    chain_url = None
    measure = activity.measure
    if measure is not None and not measure.is_archived:
        roadmap = measure.action_field.roadmap
        field_id = roadmap.network.theme.field_id
        upstream += need_entries(viewer, needs_of([measure.pk]))
        upstream += measure_entries(viewer, [measure])
        upstream += roadmap_entry(viewer, roadmap, field_id)
        upstream += governance_entries(viewer, [roadmap])
        downstream += indicator_entries(viewer, live_indicators().filter(measures=measure))
        chain_url = _chain_url(viewer, roadmap)
    end = activity.end_date or activity.start_date
    downstream += report_entries(
        range(activity.start_date.year, end.year + 1), note=_("Aktivitäten des Jahres")
    )
    return Thread(upstream=upstream, downstream=downstream, chain_url=chain_url)


def thread_for_indicator(viewer: Viewer, indicator: Indicator) -> Thread:
    measures = list(measures_with_chain().filter(indicators=indicator))
    roadmaps = list({m.action_field.roadmap_id: m.action_field.roadmap for m in measures}.values())
    years = indicator.values.live().filter(field__isnull=False).values_list("year", flat=True)
    return Thread(
        upstream=[
            *need_entries(viewer, needs_of([m.pk for m in measures])),
            *measure_entries(viewer, measures),
            *[e for r in roadmaps for e in roadmap_entry(viewer, r, r.network.theme.field_id)],
            *governance_entries(viewer, roadmaps),
        ],
        downstream=report_entries(set(years), note=_("Indikatorentabelle")),
    )


def thread_for_decision(viewer: Viewer, decision: Decision) -> Thread:
    roadmap = decision.roadmap
    if roadmap is None:
        return Thread()
    roadmap = Roadmap.objects.select_related("network__theme__field").get(pk=roadmap.pk)
    measures = list(measures_with_chain().filter(action_field__roadmap=roadmap))
    measure_ids = [m.pk for m in measures]
    reports = (
        report_entries([decision.decided_at.year], note=_("Governance: Beschlüsse des Jahres"))
        if decision.is_public
        else []
    )
    return Thread(
        upstream=[
            *upstream_of_roadmap(viewer, roadmap),
            *need_entries(viewer, needs_of(measure_ids)),
            *roadmap_entry(viewer, roadmap, roadmap.network.theme.field_id),
        ],
        downstream=[
            *measure_entries(viewer, measures),
            *indicator_entries(
                viewer, live_indicators().filter(measures__in=measure_ids).distinct()
            ),
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
