"""Approvals: roadmaps and development goals before the steering committee, its decisions and
the boards' recommendations, each scoped to what the role may see."""

from django.db.models import (
    Q,
)

from fields import selectors as fields_selectors
from fields.models import Roadmap
from ris_portal.roles import UserRoles

from .. import models
from .bodies import visible_body_filter


def roadmaps_with_field():
    return Roadmap.objects.select_related("network", "network__theme", "network__theme__field")


# What the steering committee sees of development goals: once they are submitted to it.


GOAL_STATUSES_FOR_STEERING = (
    models.DevelopmentGoal.Status.SUBMITTED,
    models.DevelopmentGoal.Status.APPROVED,
    models.DevelopmentGoal.Status.RETURNED,
)


def approval_roadmaps_for(roles: UserRoles):
    """Roadmaps on the approval pages (decide, history): staff see every one; the steering
    committee only those submitted to it (or decided since), never a draft (404)."""
    queryset = roadmaps_with_field().live()
    if roles.is_staff:
        return queryset
    if roles.is_steering:
        return queryset.filter(status__in=fields_selectors.STEERING_VISIBLE_STATUSES)
    return queryset.none()


def approval_goals_for(roles: UserRoles):
    """Development goals for the approval pages (edit history, decide): staff see every one;
    the steering committee only those submitted to it (or decided since), never a draft."""
    queryset = models.DevelopmentGoal.objects.live().select_related("field")
    if roles.is_staff:
        return queryset
    if roles.is_steering:
        return queryset.filter(status__in=GOAL_STATUSES_FOR_STEERING)
    return queryset.none()


def goal_in_approval_scope(roles: UserRoles, goal: models.DevelopmentGoal) -> bool:
    """Whether `approval_goals_for(roles)` holds this loaded goal (no query): which of the
    approval pages a goal's page and the goal list may link to."""
    if goal.is_archived:
        return False
    return roles.is_staff or (roles.is_steering and goal.status in GOAL_STATUSES_FOR_STEERING)


def goals_for(roles: UserRoles):
    """Development goals a role may see (the goal page, the goal list, following).

    The same rule as roadmaps (`fields.selectors._roadmap_scoped`): the field's internal
    audience (staff and ministry: every field; board members: their fields) sees goals in
    every state; the steering committee, in addition, the goals of any field once submitted to
    it. Nobody else sees any; archived goals nobody (404).
    """
    queryset = models.DevelopmentGoal.objects.live().select_related("field")
    field_ids = roles.internal_field_ids()
    if field_ids is None:
        return queryset
    condition = Q(field__in=field_ids)
    if roles.is_steering:
        condition |= Q(status__in=GOAL_STATUSES_FOR_STEERING)
    return queryset.filter(condition)


def goal_fields(roles: UserRoles):
    """The fields of the goals the role may see (the goal list's filter): a board member is
    not offered the other boards' fields, which would always give an empty list."""
    from fields.models import SpecializationField

    return SpecializationField.objects.live().filter(pk__in=goals_for(roles).values("field"))


def goal_visible(roles: UserRoles, goal_id: int | None) -> bool:
    """Whether the role may open the page of this goal (pages that name a goal link to it)."""
    return goal_id is not None and goals_for(roles).filter(pk=goal_id).exists()


def goal_recommendations(roles: UserRoles, goal: models.DevelopmentGoal):
    """The board's recommendations on a goal that the role may open (given first, newest first)."""
    return recommendations_for(roles).filter(goal=goal).order_by("status", "-given_at", "-id")


def goal_decisions(roles: UserRoles, goal: models.DevelopmentGoal) -> list[models.Decision]:
    """The decisions on a goal, oldest first; `openable` tells whether the role may open the
    decision's page (a return is not public: only members of the deciding body, ministry and
    staff open it)."""
    decisions = list(
        goal.decisions.live().select_related("body", "meeting").order_by("decided_at", "pk")
    )
    openable = set(
        decision_detail_for(roles)
        .filter(pk__in=[decision.pk for decision in decisions])
        .values_list("pk", flat=True)
    )
    for decision in decisions:
        decision.openable = decision.pk in openable
    return decisions


def approval_queue():
    """What waits for the Lenkungskreis: submitted roadmaps and goals, oldest first."""
    return {
        "roadmaps": roadmaps_with_field()
        .live()
        .filter(status=Roadmap.Status.SUBMITTED)
        .order_by("submitted_at"),
        "goals": models.DevelopmentGoal.objects.live()
        .filter(status=models.DevelopmentGoal.Status.SUBMITTED)
        .select_related("field")
        .order_by("submitted_at"),
    }


def roadmaps_to_submit():
    return (
        roadmaps_with_field()
        .live()
        .filter(
            is_current=True,
            status__in=[
                Roadmap.Status.DRAFT,
                Roadmap.Status.BOARD_REVIEW,
                Roadmap.Status.RETURNED,
            ],
        )
        .order_by("network__name")
    )


def roadmaps_to_publish():
    return (
        roadmaps_with_field().live().filter(status=Roadmap.Status.APPROVED).order_by("decided_at")
    )


def goal_list(roles: UserRoles, *, field_id: int | None = None, status: str = ""):
    queryset = goals_for(roles)
    if field_id:
        queryset = queryset.filter(field_id=field_id)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def decisions_public(*, body_id: int | None = None):
    queryset = (
        models.Decision.objects.live()
        .filter(is_public=True)
        .select_related("body", "meeting", "roadmap", "goal")
    )
    if body_id:
        queryset = queryset.filter(body_id=body_id)
    return queryset


def decision_detail_for(roles: UserRoles):
    """One decision: public ones for everybody; the others for members of the body, staff and
    ministry (everybody else 404)."""
    queryset = models.Decision.objects.live().select_related(
        "body",
        "body__field",
        "meeting",
        "roadmap__network__theme__field",
        "goal__field",
        "recommendation__body",
        "recommendation__meeting",
    )
    condition = visible_body_filter(roles)
    if condition is None:
        return queryset
    return queryset.filter(Q(is_public=True) | condition)


def recommendations_for(roles: UserRoles):
    """Recommendations a role may see.

    Public: given recommendations on published roadmaps (they belong to the published record).
    Members of the board, staff and ministry: all of the board's. The Lenkungskreis: every given
    recommendation (it decides on them).
    """
    queryset = models.Recommendation.objects.live().select_related(
        "body", "body__field", "meeting", "roadmap__network__theme__field", "goal__field"
    )
    if roles.is_staff or roles.is_ministry:
        return queryset
    visible = Q(status=models.Recommendation.Status.GIVEN, roadmap__status=Roadmap.Status.PUBLISHED)
    visible |= Q(body_id__in=roles.body_ids)
    if roles.is_steering:
        visible |= Q(status=models.Recommendation.Status.GIVEN)
    return queryset.filter(visible)


def recommendations_of(subject):
    """Recommendations on a roadmap or goal (given first, newest first), with their votes."""
    return (
        subject.recommendations.live()
        .select_related("body", "meeting")
        .order_by("status", "-given_at", "-id")
    )


def recommendation_votes(recommendation: models.Recommendation):
    return recommendation.votes.select_related("user").order_by("created_at")
