"""Board recommendations in every state (see tests/access/world.py).

Given on a roadmap the Lenkungskreis has not yet decided: the board's members, the ministry,
staff and the Lenkungskreis (it decides on them); given on a published roadmap: public; an
online round still open: the board's members, the ministry and staff.
"""

from __future__ import annotations

import itertools

from fields.models import Roadmap
from governance.models import Recommendation
from tests.factories import RoadmapFactory, ThemeFactory, ValueNetworkFactory
from tests.governance.factories import RecommendationFactory

from .policy import STEERING, all_of, any_of, body_work, in_states, not_in_states, roles, staff
from .world import Kind, World, days

_numbers = itertools.count(1)
STATES = {
    # state: (roadmap status, recommendation status)
    "open": (Roadmap.Status.BOARD_REVIEW, Recommendation.Status.OPEN),
    "given": (Roadmap.Status.SUBMITTED, Recommendation.Status.GIVEN),
    "given_published": (Roadmap.Status.PUBLISHED, Recommendation.Status.GIVEN),
    "archived": (Roadmap.Status.SUBMITTED, Recommendation.Status.GIVEN),
}


def build_recommendations(w: World) -> None:
    for scope in ("a", "b"):
        for state, (roadmap_status, status) in STATES.items():
            marker = w.marker()
            # The roadmap's own names carry no marker: the roadmap kind has its own.
            number = next(_numbers)
            network = ValueNetworkFactory(
                theme=ThemeFactory(field=w.field(scope)),
                slug=f"empfehlung-{number}",
                name=f"Netz zur Empfehlung {number}",
            )
            roadmap = RoadmapFactory(
                network=network, title=f"Vorlage zur Empfehlung {number}", status=roadmap_status
            )
            given = status == Recommendation.Status.GIVEN
            recommendation = RecommendationFactory(
                body=w.body(scope),
                roadmap=roadmap,
                procedure=Recommendation.Procedure.ONLINE,
                deadline=days(7),
                status=status,
                outcome=Recommendation.Outcome.APPROVE if given else "",
                rationale=f"Begründung {marker}",
                given_at=days(-1) if given else None,
                is_archived=state == "archived",
            )
            w.add("recommendation", state, scope, recommendation, marker)


LIVE = not_in_states("archived")
RECOMMENDATION_AUDIENCE = any_of(
    in_states("given_published"),
    all_of(body_work, LIVE),
    all_of(roles(STEERING), in_states("given", "given_published")),
    staff,
)

KINDS = [
    Kind(
        "recommendation",
        tuple(STATES),
        build_recommendations,
        RECOMMENDATION_AUDIENCE,
    ),
]
