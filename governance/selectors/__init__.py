"""Reads of the governance app, with the joins their callers need and the role scoping applied.

Scoping rule for meetings and review rounds: staff and ministry see all bodies' work; everybody
else only the work of the bodies they are an active member of (others answer 404).
One module per subdomain: bodies, meetings, reviews, approvals (goals, decisions,
recommendations), events.
"""

from .approvals import (  # noqa: F401
    GOAL_STATUSES_FOR_STEERING,
    approval_goals_for,
    approval_queue,
    approval_roadmaps_for,
    decision_detail_for,
    decisions_public,
    goal_decisions,
    goal_fields,
    goal_in_approval_scope,
    goal_list,
    goal_recommendations,
    goal_visible,
    goals_for,
    recommendation_votes,
    recommendations_for,
    recommendations_of,
    roadmaps_to_publish,
    roadmaps_to_submit,
    roadmaps_with_field,
)
from .bodies import (  # noqa: F401
    bodies_public_with_members,
    body_detail_public,
    body_list_public,
    body_members_all,
    memberships_public,
    my_memberships,
)
from .events import (  # noqa: F401
    event_registrations,
    events_public,
    forum_participant_counts,
)
from .meetings import (  # noqa: F401
    meeting_detail_for,
    meeting_list_staff,
    meetings_for,
    meetings_of_board,
    meetings_of_steering_committee,
    my_upcoming_meetings,
    upcoming_meetings_for,
)
from .reviews import (  # noqa: F401
    needs_for_field,
    review_answers_of,
    review_items,
    review_participation,
    review_results,
    review_results_dataset,
    review_results_for_needs,
    review_rounds_for,
    roadmap_need_ids,
    themes_for_field,
)
