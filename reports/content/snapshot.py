"""Everything a report reads, as it stood at the end of its Stichtag, loaded once per rendering.

Chapters share one `Snapshot`: each collection is read on first use (a handful of queries per
model, whatever the amount of data) and cached. Rows come from the history
(`ris_portal.snapshots`): objects created after the Stichtag are absent, objects changed later
appear in their version at the Stichtag, archived objects (at the Stichtag) are left out.

The instances are detached copies of old versions: relations are resolved here through ids,
never through attribute access (which would read today's rows).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from fields.models import (
    ActionField,
    Actor,
    DevelopmentPotential,
    Measure,
    Roadmap,
    SpecializationField,
    Theme,
    ValueNetwork,
)
from governance.models import Body, Decision, Meeting, Membership, ReviewItem, ReviewRound
from monitoring.indicators import IndicatorTable, indicator_table
from monitoring.models import Activity, Indicator
from ris_portal.snapshots import (
    end_of_day,
    instances,
    live_versions_at,
    m2m_ids_at,
    objects_at,
    versions_at,
)


def _by_name(items):
    return sorted(items, key=lambda item: (getattr(item, "name", "") or "").casefold())


@dataclass
class RoadmapView:
    roadmap: Roadmap
    field_id: int
    network_name: str
    action_fields: list[tuple[ActionField, list[Measure]]] = field(default_factory=list)

    @property
    def measures(self) -> list[Measure]:
        return [m for _af, measures in self.action_fields for m in measures]


class Snapshot:
    def __init__(self, stichtag: datetime.date, *, years: list[int] | None = None):
        self.stichtag = stichtag
        self.moment = end_of_day(stichtag)
        self.years = years
        self._activities_by_year: dict[int, list[Activity]] = {}

    def objects(self, model, **filters) -> list:
        return objects_at(model, self.moment, **filters)

    def live(self, model, **filters) -> list:
        """Instances that were not archived at the Stichtag (the history's `.live()`)."""
        return instances(model, self.versions(model).filter(**filters))

    def versions(self, model):
        return live_versions_at(model, self.moment)

    # --- strategy content -------------------------------------------------------------------
    @cached_property
    def fields(self) -> list[SpecializationField]:
        rows = self.live(SpecializationField)
        return sorted(rows, key=lambda f: (f.order, f.name))

    @cached_property
    def fields_by_id(self) -> dict[int, SpecializationField]:
        return {f.pk: f for f in self.fields}

    @cached_property
    def themes_by_field(self) -> dict[int, list[Theme]]:
        themes = self.live(Theme)
        potentials = m2m_ids_at(Theme, "potentials", self.moment)
        names = dict(DevelopmentPotential.objects.values_list("pk", "name"))
        order = dict(DevelopmentPotential.objects.values_list("pk", "order"))
        result: dict[int, list[Theme]] = defaultdict(list)
        for theme in _by_name(themes):
            theme.potential_names = [
                names[pk] for pk in sorted(potentials.get(theme.pk, ()), key=order.get)
            ]
            result[theme.field_id].append(theme)
        return result

    @cached_property
    def actors(self) -> list[Actor]:
        return self.live(Actor)

    @cached_property
    def actors_by_field(self) -> dict[int, list[Actor]]:
        links = m2m_ids_at(Actor, "fields", self.moment)
        result: dict[int, list[Actor]] = defaultdict(list)
        for actor in _by_name(self.actors):
            for field_id in links.get(actor.pk, ()):
                result[field_id].append(actor)
        return result

    @cached_property
    def roadmaps_by_field(self) -> dict[int, list[RoadmapView]]:
        """Current roadmaps that the steering committee had approved or published."""
        roadmaps = self.live(
            Roadmap,
            is_current=True,
            status__in=[Roadmap.Status.APPROVED, Roadmap.Status.PUBLISHED],
        )
        if not roadmaps:
            return {}
        networks = {n.pk: n for n in self.objects(ValueNetwork)}
        theme_fields = dict(
            versions_at(Theme, self.moment).values_list("id", "field_id").order_by()
        )
        action_fields: dict[int, list[ActionField]] = defaultdict(list)
        for af in self.live(ActionField, roadmap_id__in=[r.pk for r in roadmaps]):
            action_fields[af.roadmap_id].append(af)
        measures: dict[int, list[Measure]] = defaultdict(list)
        af_ids = [af.pk for afs in action_fields.values() for af in afs]
        for measure in self.live(Measure, action_field_id__in=af_ids):
            measures[measure.action_field_id].append(measure)
        result: dict[int, list[RoadmapView]] = defaultdict(list)
        for roadmap in roadmaps:
            network = networks.get(roadmap.network_id)
            field_id = theme_fields.get(network.theme_id) if network else None
            if field_id is None:
                continue
            view = RoadmapView(roadmap=roadmap, field_id=field_id, network_name=network.name)
            for af in sorted(action_fields[roadmap.pk], key=lambda a: (a.order, a.pk)):
                view.action_fields.append(
                    (af, sorted(measures[af.pk], key=lambda m: (m.order, m.pk)))
                )
            result[field_id].append(view)
        for views in result.values():
            views.sort(key=lambda v: (v.network_name.casefold(), v.roadmap.pk))
        return result

    # --- monitoring -------------------------------------------------------------------------
    @cached_property
    def indicators(self) -> list[Indicator]:
        return sorted(self.live(Indicator), key=lambda i: (i.kind, i.code))

    @cached_property
    def indicator_table(self) -> IndicatorTable:
        return indicator_table(as_of=self.moment, years=self.years)

    def activities(self, year: int) -> list[Activity]:
        """Activities running in `year` (started by its end, not ended before its start)."""
        if year not in self._activities_by_year:
            running = Q(start_date__year__lte=year) & (
                Q(end_date__isnull=True, start_date__year=year) | Q(end_date__year__gte=year)
            )
            rows = instances(
                Activity,
                self.versions(Activity).filter(running).order_by("start_date", "title", "id"),
            )
            links = m2m_ids_at(Activity, "fields", self.moment, pks=[a.pk for a in rows])
            for activity in rows:
                activity.field_ids = sorted(links.get(activity.pk, ()))
            self._activities_by_year[year] = rows
        return self._activities_by_year[year]

    def activities_by_field(self, year: int) -> dict[int, list[Activity]]:
        result: dict[int, list[Activity]] = defaultdict(list)
        for activity in self.activities(year):
            for field_id in activity.field_ids:
                result[field_id].append(activity)
        return result

    # --- governance -------------------------------------------------------------------------
    @cached_property
    def bodies(self) -> list[Body]:
        return _by_name(self.live(Body))

    @cached_property
    def memberships_by_body(self) -> dict[int, list[Membership]]:
        """Memberships active on the Stichtag, with the person's and organisation's names."""
        day = self.stichtag
        rows = [
            record.instance
            for record in self.versions(Membership)
            .filter(Q(start__isnull=True) | Q(start__lte=day))
            .filter(Q(end__isnull=True) | Q(end__gte=day))
        ]
        users = {
            u.pk: u
            for u in get_user_model()
            .objects.filter(pk__in={m.user_id for m in rows})
            .only("pk", "first_name", "last_name", "username")
        }
        organisations = dict(versions_at(Actor, self.moment).values_list("id", "name").order_by())
        result: dict[int, list[Membership]] = defaultdict(list)
        for membership in rows:
            user = users.get(membership.user_id)
            membership.person_name = (user.get_full_name() or user.username) if user else ""
            membership.organisation_name = organisations.get(membership.organisation_id, "")
            result[membership.body_id].append(membership)
        for members in result.values():
            members.sort(key=lambda m: (m.role, m.person_name.casefold(), m.pk))
        return result

    def meetings(self, year: int) -> list[Meeting]:
        return sorted(
            (
                record.instance
                for record in self.versions(Meeting).filter(
                    starts_at__year=year, cancelled_at__isnull=True
                )
            ),
            key=lambda m: (m.starts_at, m.pk),
        )

    def decisions(self, year: int) -> list[Decision]:
        return sorted(
            (
                record.instance
                for record in versions_at(Decision, self.moment).filter(
                    decided_at__year=year, is_public=True
                )
            ),
            key=lambda d: (d.decided_at, d.pk),
        )

    def review_rounds(self, year: int) -> list[ReviewRound]:
        rounds = sorted(
            (
                record.instance
                for record in versions_at(ReviewRound, self.moment).filter(deadline__year=year)
            ),
            key=lambda r: (r.deadline, r.pk),
        )
        # The items as of the Stichtag too (their history), not today's rows.
        counts = dict(
            versions_at(ReviewItem, self.moment)
            .filter(round_id__in=[r.pk for r in rounds])
            .values("round_id")
            .annotate(n=Count("pk"))
            .values_list("round_id", "n")
        )
        for round_ in rounds:
            round_.item_count = counts.get(round_.pk, 0)
        return rounds

    @cached_property
    def all_bodies_by_id(self) -> dict[int, Body]:
        """Every body at the Stichtag, archived ones too (decisions keep their body's name)."""
        return {b.pk: b for b in self.objects(Body)}
