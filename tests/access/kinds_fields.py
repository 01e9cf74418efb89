"""Object kinds of the fields app in every state (see tests/access/world.py)."""

from __future__ import annotations

from django.utils import timezone

from fields.models import Actor, Need, NetworkMembership, Roadmap, Theme
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    BodyFactory,
    FieldFactory,
    MeasureFactory,
    MembershipFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RelevanceAssessmentFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)

from .policy import (
    all_of,
    any_of,
    everyone,
    field_internal,
    in_states,
    not_in_states,
    staff,
    steering_after_submission,
)
from .world import Kind, World, every_status

SCOPES = ("a", "b")

ROADMAP_STATES = {
    "draft": Roadmap.Status.DRAFT,
    "board_review": Roadmap.Status.BOARD_REVIEW,
    "submitted": Roadmap.Status.SUBMITTED,
    "approved": Roadmap.Status.APPROVED,
    "published": Roadmap.Status.PUBLISHED,
    "returned": Roadmap.Status.RETURNED,
}


def _theme(w: World, scope: str, **values):
    return ThemeFactory(field=w.field(scope), status=Theme.Status.ACTIVE, **values)


def _network(w: World, scope: str, name: str = "", **values):
    marker = name or w.marker()
    return ValueNetworkFactory(
        theme=_theme(w, scope), slug=marker.lower(), name=name or f"Netzwerk {marker}", **values
    )


def _roadmap(network, status: str, title: str, **values):
    now = timezone.now()
    moments = {}
    if status != Roadmap.Status.DRAFT and status != Roadmap.Status.BOARD_REVIEW:
        moments["submitted_at"] = now
    if status in (Roadmap.Status.APPROVED, Roadmap.Status.PUBLISHED, Roadmap.Status.RETURNED):
        moments["decided_at"] = now
    if status == Roadmap.Status.PUBLISHED:
        moments["published_at"] = now
    return RoadmapFactory(network=network, title=title, status=status, **moments, **values)


def build_fields(w: World) -> None:
    for scope in SCOPES:
        for state in ("active", "archived"):
            marker = w.marker()
            field = FieldFactory(name=f"Feld {marker}", slug=marker.lower(), code=marker[-6:])
            field.is_archived = state == "archived"
            field.save()
            board = BodyFactory(field=field, slug=f"beirat-{marker.lower()}")
            if scope == "a":  # the board member of the cast belongs to this field's board too
                MembershipFactory(body=board, user=w.cast.board)
            else:
                MembershipFactory(body=board)
            w.add("field", state, scope, field, marker)


def build_themes(w: World) -> None:
    def theme(scope, state, status, marker):
        return ThemeFactory(
            field=w.field(scope),
            name=f"Thema {marker}",
            slug=marker.lower(),
            status=status,
            is_archived=state == "archived",
        )

    w.add_per_status(
        "theme", SCOPES, every_status(Theme.Status, archived=Theme.Status.ACTIVE), theme
    )


def build_assessments(w: World) -> None:
    for scope in SCOPES:
        for state in ("active", "archived"):
            marker = w.marker()
            assessment = RelevanceAssessmentFactory(
                theme=_theme(w, scope),
                author=w.cast.staff,
                justification=f"Begründung {marker}",
                is_archived=state == "archived",
            )
            w.add("assessment", state, scope, assessment, marker)


def build_actors(w: World) -> None:
    for state in ("active", "archived"):
        marker = w.marker()
        actor = ActorFactory(
            name=f"Institut {marker}", kind=Actor.Kind.RESEARCH, is_archived=state == "archived"
        )
        w.add("actor", state, "-", actor, marker)


def build_networks(w: World) -> None:
    for scope in SCOPES:
        for state in ("active", "archived"):
            marker = w.marker()
            network = _network(w, scope, name=f"Netzwerk {marker}")
            network.slug = marker.lower()
            network.is_archived = state == "archived"
            network.save()
            w.add("network", state, scope, network, marker)


def build_network_members(w: World) -> None:
    for scope in SCOPES:
        for state in ("active", "archived"):
            membership = NetworkMembershipFactory(
                network=_network(w, scope),
                actor=ActorFactory(name=f"Firma {w.marker()}", kind=Actor.Kind.COMPANY),
                role=NetworkMembership.ChainRole.RESEARCH,
                is_archived=state == "archived",
            )
            w.add("network_member", state, scope, membership)


def build_needs(w: World) -> None:
    def need(scope, state, status, marker):
        return NeedFactory(
            theme=_theme(w, scope),
            title=f"Bedarf {marker}",
            status=status,
            is_archived=state == "archived",
        )

    w.add_per_status("need", SCOPES, every_status(Need.Status, archived=Need.Status.OPEN), need)


def _roadmaps_in_every_state(w: World, scope: str):
    """(state, roadmap, marker) for every roadmap state, plus an archived draft.

    The draft is the new Fassung 2 of a network whose Fassung 1 is published ("superseded"):
    a page about Fassung 1 must not reveal the draft to those who may not see drafts.
    """
    network = _network(w, scope)
    old_marker = w.marker()
    old = _roadmap(network, Roadmap.Status.PUBLISHED, f"Roadmap {old_marker}", is_current=False)
    yield "superseded", old, old_marker
    for state, status in ROADMAP_STATES.items():
        marker = w.marker()
        if state == "draft":
            roadmap = _roadmap(network, status, f"Roadmap {marker}", number=2)
        else:
            roadmap = _roadmap(_network(w, scope), status, f"Roadmap {marker}")
        yield state, roadmap, marker
    marker = w.marker()
    archived = _roadmap(_network(w, scope), Roadmap.Status.DRAFT, f"Roadmap {marker}")
    archived.is_archived = True
    archived.save()
    yield "archived", archived, marker


def build_roadmaps(w: World) -> None:
    for scope in SCOPES:
        for state, roadmap, marker in _roadmaps_in_every_state(w, scope):
            w.add("roadmap", state, scope, roadmap, marker)


def _in_every_parent(w: World, parents, make):
    """(state, child, marker) for every (state, parent, _): `make(parent, marker, archived)`
    builds the child. In the state "archived" the parent is live (a draft) and the child is the
    archived one instead."""
    for state, parent, _marker in parents:
        if state == "archived":
            parent.is_archived = False
            parent.save()
        marker = w.marker()
        yield state, make(parent, marker, state == "archived"), marker


def _action_fields(w: World, scope: str):
    """An action field in a roadmap of every state, plus an archived one in a draft."""
    return _in_every_parent(
        w,
        _roadmaps_in_every_state(w, scope),
        lambda roadmap, marker, archived: ActionFieldFactory(
            roadmap=roadmap, title=f"Handlungsfeld {marker}", order=1, is_archived=archived
        ),
    )


def build_action_fields(w: World) -> None:
    for scope in SCOPES:
        for state, action_field, marker in _action_fields(w, scope):
            w.add("action_field", state, scope, action_field, marker)


def build_measures(w: World) -> None:
    for scope in SCOPES:
        measures = _in_every_parent(
            w,
            _action_fields(w, scope),
            lambda action_field, marker, archived: MeasureFactory(
                action_field=action_field, title=f"Maßnahme {marker}", order=1, is_archived=archived
            ),
        )
        for state, measure, marker in measures:
            w.add("measure", state, scope, measure, marker)


# Roadmaps and their parts: the field's internal audience sees every state; the steering
# committee sees them once submitted to it; published ones are public. Archived ones stay
# internal.
ROADMAP_AUDIENCE = any_of(
    field_internal,
    all_of(steering_after_submission, not_in_states("archived")),
    in_states("published", "superseded"),
)
PUBLIC_UNLESS_ARCHIVED = any_of(not_in_states("archived"), field_internal)

KINDS = [
    # Field names are never secret (an archived field was public before).
    Kind("field", ("active", "archived"), build_fields, everyone),
    Kind(
        "theme",
        ("candidate", "active", "highlight", "dormant", "archived"),
        build_themes,
        any_of(in_states("active", "highlight", "dormant"), field_internal),
    ),
    Kind("assessment", ("active", "archived"), build_assessments, field_internal),
    Kind("actor", ("active", "archived"), build_actors, staff),
    Kind("network", ("active", "archived"), build_networks, PUBLIC_UNLESS_ARCHIVED),
    Kind("network_member", ("active", "archived"), build_network_members, everyone),
    Kind(
        "need",
        ("open", "in_progress", "addressed", "rejected", "archived"),
        build_needs,
        field_internal,
    ),
    Kind("roadmap", ("superseded", *ROADMAP_STATES, "archived"), build_roadmaps, ROADMAP_AUDIENCE),
    Kind(
        "action_field",
        ("superseded", *ROADMAP_STATES, "archived"),
        build_action_fields,
        ROADMAP_AUDIENCE,
    ),
    Kind("measure", ("superseded", *ROADMAP_STATES, "archived"), build_measures, ROADMAP_AUDIENCE),
]
