"""Every URL of the fields app × every role (see tests/test_url_matrix.py).

`world` builds the same content in field A (the board member's field) and field B (out of the
board member's scope): internal pages of field B answer 404 for them.
"""

from fields.models import Actor
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    MeasureFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RelevanceAssessmentFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.matrix import PUBLIC, STAFF_ONLY, STAFF_ONLY_POST, Case, expect

# Internal pages of the board member's field / of another field; lists of the workspace.
INTERNAL_A = expect(302, 403, 200, 404, 200, 200, 200)
INTERNAL_B = expect(302, 403, 404, 404, 200, 200, 200)
WORKSPACE_LIST = expect(302, 403, 200, 200, 200, 200, 200)
NOT_PUBLISHED = expect(404, 404, 404, 404, 404, 404, 404)


def _content(field, prefix: str, actor: Actor, staff) -> dict:
    theme = ThemeFactory(field=field, slug=f"{prefix}-thema", name=f"Thema {prefix}")
    assessment = RelevanceAssessmentFactory(theme=theme, author=staff)
    network = ValueNetworkFactory(theme=theme, slug=f"{prefix}-netz", name=f"Netz {prefix}")
    membership = NetworkMembershipFactory(network=network, actor=actor, role="forschung")
    need = NeedFactory(theme=theme, network=network, title=f"Bedarf {prefix}")
    roadmap = RoadmapFactory(network=network, title=f"Roadmap {prefix}")
    action_field = ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld 1", order=1)
    ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld 2", order=2)
    measure = MeasureFactory(action_field=action_field, title="Maßnahme 1", order=1)
    MeasureFactory(action_field=action_field, title="Maßnahme 2", order=2)
    return {
        "theme": theme,
        "assessment": assessment,
        "network": network,
        "membership": membership,
        "need": need,
        "roadmap": roadmap,
        "action_field": action_field,
        "measure": measure,
    }


def world(cast) -> dict:
    actor = ActorFactory(name="Institut A", kind=Actor.Kind.RESEARCH)
    other_actor = ActorFactory(name="Firma B", kind=Actor.Kind.COMPANY)
    a = _content(cast.field_a, "a", actor, cast.staff)
    b = _content(cast.field_b, "b", actor, cast.staff)
    published_network = ValueNetworkFactory(
        theme=a["theme"], slug="a-veroeffentlicht", name="Netz veröffentlicht"
    )
    published = RoadmapFactory(
        network=published_network, title="Veröffentlichte Roadmap", status="veroeffentlicht"
    )
    published_measure = MeasureFactory(
        action_field=ActionFieldFactory(roadmap=published, title="Handlungsfeld"),
        title="Veröffentlichte Maßnahme",
    )
    submitted_network = ValueNetworkFactory(
        theme=b["theme"], slug="b-eingereicht", name="Netz eingereicht"
    )
    submitted = RoadmapFactory(
        network=submitted_network, title="Eingereichte Roadmap", status="eingereicht"
    )
    return {
        "a": a,
        "b": b,
        "actor": actor,
        "other_actor": other_actor,
        "published": published,
        "published_measure": published_measure,
        "submitted": submitted,
    }


def _pk(side: str, key: str):
    return lambda c, w: {"pk": w[side][key].pk}


def _crud(name: str, key: str, *, detail=True, update=True, archive=True, history=True):
    """Detail (field A, field B), update, archive and history cases of one entity."""
    cases = []
    if detail:
        cases += [
            Case(f"fields:{name}_detail", INTERNAL_A, kwargs=_pk("a", key), label="field-a"),
            Case(f"fields:{name}_detail", INTERNAL_B, kwargs=_pk("b", key), label="field-b"),
        ]
    if update:
        cases.append(Case(f"fields:{name}_update", STAFF_ONLY, kwargs=_pk("a", key)))
    if archive:
        cases.append(Case(f"fields:{name}_archive", STAFF_ONLY, kwargs=_pk("a", key)))
    if history:
        cases.append(Case(f"fields:{name}_history", STAFF_ONLY, kwargs=_pk("a", key)))
    return cases


CASES = [
    # Public pages
    Case("fields:field_public", PUBLIC, kwargs=lambda c, w: {"slug": c.field_a.slug}),
    Case("fields:roadmap_public", PUBLIC, kwargs=lambda c, w: {"pk": w["published"].pk}),
    Case(
        "fields:roadmap_public",
        NOT_PUBLISHED,
        kwargs=lambda c, w: {"pk": w["a"]["roadmap"].pk},
        label="draft",
    ),
    Case(
        "fields:roadmap_public",
        NOT_PUBLISHED,
        kwargs=lambda c, w: {"pk": w["submitted"].pk},
        label="submitted",
    ),
    # A measure has a public page once its roadmap is published.
    Case("fields:measure_public", PUBLIC, kwargs=lambda c, w: {"pk": w["published_measure"].pk}),
    Case(
        "fields:measure_public",
        NOT_PUBLISHED,
        kwargs=lambda c, w: {"pk": w["a"]["measure"].pk},
        label="draft",
    ),
    # Fields
    Case("fields:field_list", WORKSPACE_LIST),
    Case("fields:field_detail", INTERNAL_A, kwargs=lambda c, w: {"pk": c.field_a.pk}, label="a"),
    Case("fields:field_detail", INTERNAL_B, kwargs=lambda c, w: {"pk": c.field_b.pk}, label="b"),
    Case("fields:field_portfolio", INTERNAL_A, kwargs=lambda c, w: {"pk": c.field_a.pk}),
    Case(
        "fields:field_portfolio",
        INTERNAL_B,
        kwargs=lambda c, w: {"pk": c.field_b.pk},
        label="field-b",
    ),
    Case("fields:field_update", STAFF_ONLY, kwargs=lambda c, w: {"pk": c.field_a.pk}),
    Case("fields:field_archive", STAFF_ONLY, kwargs=lambda c, w: {"pk": c.field_a.pk}),
    Case("fields:field_history", STAFF_ONLY, kwargs=lambda c, w: {"pk": c.field_a.pk}),
    # Themes and assessments
    Case("fields:theme_list", WORKSPACE_LIST),
    Case("fields:theme_create", STAFF_ONLY),
    *_crud("theme", "theme"),
    Case(
        "fields:theme_highlight",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "theme"),
        data=lambda c, w: {"version": w["a"]["theme"].version, "highlight": "1"},
    ),
    Case("fields:assessment_create", STAFF_ONLY, kwargs=_pk("a", "theme")),
    *_crud("assessment", "assessment", detail=False),
    # Actors (staff only: organisations and contacts)
    Case("fields:actor_list", STAFF_ONLY),
    Case("fields:actor_create", STAFF_ONLY),
    Case("fields:actor_detail", STAFF_ONLY, kwargs=lambda c, w: {"pk": w["actor"].pk}),
    Case("fields:actor_update", STAFF_ONLY, kwargs=lambda c, w: {"pk": w["actor"].pk}),
    Case("fields:actor_archive", STAFF_ONLY, kwargs=lambda c, w: {"pk": w["actor"].pk}),
    Case("fields:actor_history", STAFF_ONLY, kwargs=lambda c, w: {"pk": w["actor"].pk}),
    # Value networks
    Case("fields:network_list", WORKSPACE_LIST),
    Case("fields:network_create", STAFF_ONLY),
    *_crud("network", "network"),
    Case(
        "fields:membership_add",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "network"),
        data=lambda c, w: {"actor": w["other_actor"].pk, "role": "hersteller"},
    ),
    *_crud("membership", "membership", detail=False, history=False),
    # Needs
    Case("fields:need_list", WORKSPACE_LIST),
    Case("fields:need_create", STAFF_ONLY),
    *_crud("need", "need"),
    # Roadmaps
    Case("fields:roadmap_list", WORKSPACE_LIST),
    Case("fields:roadmap_create", STAFF_ONLY),
    *_crud("roadmap", "roadmap"),
    Case(
        "fields:roadmap_detail",
        expect(302, 403, 404, 200, 200, 200, 200),
        kwargs=lambda c, w: {"pk": w["submitted"].pk},
        label="submitted-field-b",
    ),
    Case("fields:roadmap_board_review", STAFF_ONLY, kwargs=_pk("a", "roadmap")),
    Case("fields:roadmap_back_to_draft", STAFF_ONLY, kwargs=_pk("a", "roadmap")),
    Case("fields:roadmap_new_version", STAFF_ONLY, kwargs=_pk("a", "roadmap")),
    # Following: whoever may see the roadmap (like its page: INTERNAL_A), then back to it.
    Case(
        "fields:roadmap_follow",
        expect(302, 403, 302, 404, 302, 302, 302),
        method="post",
        kwargs=_pk("a", "roadmap"),
    ),
    Case(
        "fields:roadmap_comment",
        expect(302, 403, 302, 404, 403, 403, 403),
        method="post",
        kwargs=_pk("a", "roadmap"),
        data=lambda c, w: {"text": "Bitte Fachkräfte stärker gewichten."},
    ),
    Case(
        "fields:roadmap_comment",
        expect(302, 403, 404, 404, 403, 403, 403),
        method="post",
        kwargs=_pk("b", "roadmap"),
        data=lambda c, w: {"text": "Kommentar"},
        label="field-b",
    ),
    # Action fields and measures
    Case(
        "fields:action_field_create",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "roadmap"),
        data=lambda c, w: {"new-action-field-title": "Neues Handlungsfeld"},
    ),
    *_crud("action_field", "action_field", detail=False),
    Case(
        "fields:action_field_move",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "action_field"),
        data=lambda c, w: {"direction": "down"},
    ),
    Case(
        "fields:measure_create",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "action_field"),
        data=lambda c, w: {
            f"new-measure-{w['a']['action_field'].pk}-title": "Neue Maßnahme",
            f"new-measure-{w['a']['action_field'].pk}-status": "geplant",
        },
    ),
    Case("fields:measure_list", WORKSPACE_LIST),
    *_crud("measure", "measure"),
    Case(
        "fields:measure_move",
        STAFF_ONLY_POST,
        method="post",
        kwargs=_pk("a", "measure"),
        data=lambda c, w: {"direction": "down"},
    ),
    Case(
        "fields:markdown_preview",
        STAFF_ONLY,
        method="post",
        data=lambda c, w: {"_field": "text", "text": "**fett**"},
    ),
]
