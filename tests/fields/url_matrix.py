"""Every URL of the fields app × every role (see tests/test_url_matrix.py).

`world` builds the same content in field A (the board member's field) and field B (out of the
board member's scope): internal pages of field B answer 404 for them.
"""

from fields.models import Actor
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    MeasureFactory,
    RelevanceAssessmentFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.matrix import (
    NOWHERE,
    PUBLIC,
    STAFF_ONLY,
    WORKSPACE,
    Case,
    expect,
    pk,
    variants,
)

from .chain import network_chain


def _content(field, prefix: str, actor: Actor, staff) -> dict:
    theme = ThemeFactory(field=field, slug=f"{prefix}-thema", name=f"Thema {prefix}")
    assessment = RelevanceAssessmentFactory(theme=theme, author=staff)
    chain = network_chain(
        theme, actor, prefix, f"{prefix}-netz", role="forschung", need=f"Bedarf {prefix}"
    )
    roadmap = chain["roadmap"]
    action_field = ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld 1", order=1)
    ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld 2", order=2)
    measure = MeasureFactory(action_field=action_field, title="Maßnahme 1", order=1)
    MeasureFactory(action_field=action_field, title="Maßnahme 2", order=2)
    return {
        "theme": theme,
        "assessment": assessment,
        **chain,
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


# Internal pages of the board member's field / of another field. Public pages of what is not
# published answer 404 for everybody (NOWHERE).
INTERNAL_A = expect(302, 403, 200, 404, 200, 200, 200)
INTERNAL_B = expect(302, 403, 404, 404, 200, 200, 200)


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


def _field(side: str):
    return lambda c, w: {"pk": getattr(c, f"field_{side}").pk}


CASES = [
    # Public pages
    Case("fields:field_public", PUBLIC, kwargs=lambda c, w: {"slug": c.field_a.slug}),
    *variants(
        "fields:roadmap_public",
        ("", PUBLIC, pk("published")),
        ("draft", NOWHERE, _pk("a", "roadmap")),
        ("submitted", NOWHERE, pk("submitted")),
    ),
    # A measure has a public page once its roadmap is published.
    *variants(
        "fields:measure_public",
        ("", PUBLIC, pk("published_measure")),
        ("draft", NOWHERE, _pk("a", "measure")),
    ),
    # Fields
    Case("fields:field_list", WORKSPACE),
    *variants(
        "fields:field_detail", ("a", INTERNAL_A, _field("a")), ("b", INTERNAL_B, _field("b"))
    ),
    *variants(
        "fields:field_portfolio",
        ("", INTERNAL_A, _field("a")),
        ("field-b", INTERNAL_B, _field("b")),
    ),
    *[
        Case(f"fields:field_{action}", STAFF_ONLY, kwargs=_field("a"))
        for action in ("update", "archive", "history")
    ],
    # Themes and assessments
    Case("fields:theme_list", WORKSPACE),
    Case("fields:theme_create", STAFF_ONLY),
    *_crud("theme", "theme"),
    Case.staff_post(
        "fields:theme_highlight",
        _pk("a", "theme"),
        data=lambda c, w: {"version": w["a"]["theme"].version, "highlight": "1"},
    ),
    Case("fields:assessment_create", STAFF_ONLY, kwargs=_pk("a", "theme")),
    *_crud("assessment", "assessment", detail=False),
    # Actors (staff only: organisations and contacts)
    Case("fields:actor_list", STAFF_ONLY),
    Case("fields:actor_create", STAFF_ONLY),
    *[
        Case(f"fields:actor_{action}", STAFF_ONLY, kwargs=pk("actor"))
        for action in ("detail", "update", "archive", "history")
    ],
    # Value networks
    Case("fields:network_list", WORKSPACE),
    Case("fields:network_create", STAFF_ONLY),
    *_crud("network", "network"),
    Case.staff_post(
        "fields:membership_add",
        _pk("a", "network"),
        data=lambda c, w: {"actor": w["other_actor"].pk, "role": "hersteller"},
    ),
    *_crud("membership", "membership", detail=False, history=False),
    # Needs
    Case("fields:need_list", WORKSPACE),
    Case("fields:need_create", STAFF_ONLY),
    *_crud("need", "need"),
    # Roadmaps
    Case("fields:roadmap_list", WORKSPACE),
    Case("fields:roadmap_create", STAFF_ONLY),
    *_crud("roadmap", "roadmap"),
    # Submitted: the Lenkungskreis sees it, the board member of field A not.
    Case(
        "fields:roadmap_detail",
        expect(302, 403, 404, 200, 200, 200, 200),
        kwargs=pk("submitted"),
        label="submitted-field-b",
    ),
    *[
        Case(f"fields:roadmap_{action}", STAFF_ONLY, kwargs=_pk("a", "roadmap"))
        for action in ("board_review", "back_to_draft", "new_version")
    ],
    # Following: whoever may see the roadmap (like its page: INTERNAL_A), then back to it.
    Case(
        "fields:roadmap_follow",
        expect(302, 403, 302, 404, 302, 302, 302),
        method="post",
        kwargs=_pk("a", "roadmap"),
    ),
    # Comments: board members of the roadmap's field (404 for a field out of their scope).
    *[
        Case(
            "fields:roadmap_comment",
            expect(302, 403, board, 404, 403, 403, 403),
            method="post",
            kwargs=_pk(side, "roadmap"),
            data=lambda c, w, text=text: {"text": text},
            label=label,
        )
        for side, board, text, label in (
            ("a", 302, "Bitte Fachkräfte stärker gewichten.", ""),
            ("b", 404, "Kommentar", "field-b"),
        )
    ],
    # Action fields and measures
    Case.staff_post(
        "fields:action_field_create",
        _pk("a", "roadmap"),
        data=lambda c, w: {"new-action-field-title": "Neues Handlungsfeld"},
    ),
    *_crud("action_field", "action_field", detail=False),
    Case.staff_post(
        "fields:measure_create",
        _pk("a", "action_field"),
        data=lambda c, w: {
            f"new-measure-{w['a']['action_field'].pk}-title": "Neue Maßnahme",
            f"new-measure-{w['a']['action_field'].pk}-status": "geplant",
        },
    ),
    Case("fields:measure_list", WORKSPACE),
    *_crud("measure", "measure"),
    *[
        Case.staff_post(
            f"fields:{kind}_move", _pk("a", kind), data=lambda c, w: {"direction": "down"}
        )
        for kind in ("action_field", "measure")
    ],
    Case(
        "fields:markdown_preview",
        STAFF_ONLY,
        method="post",
        data=lambda c, w: {"_field": "text", "text": "**fett**"},
    ),
]
