"""Reads of the governance app, with the joins their callers need and the role scoping applied.

Scoping rule for meetings and review rounds: staff and ministry see all bodies' work; everybody
else only the work of the bodies they are an active member of (others answer 404).
"""

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    When,
)
from django.utils import timezone

from fields import selectors as fields_selectors
from fields.models import Need, Roadmap, Theme
from ris_portal.models import live_q
from ris_portal.roles import UserRoles

from . import models


def body_list_public():
    return (
        models.Body.objects.live()
        .select_related("field")
        .annotate(member_count=Count("memberships", filter=live_q("memberships")))
        .order_by("kind", "field__order", "name")
    )


def memberships_public():
    """Members named in public: active today, not archived, with their consent."""
    return (
        models.Membership.objects.active()
        .live()
        .filter(public_consent=True)
        .select_related("user", "organisation")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )


def bodies_public_with_members():
    """Public bodies with `public_members` (API, open data; the body page uses the same rule)."""
    return (
        models.Body.objects.live()
        .select_related("field")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships_public(), to_attr="public_members")
        )
    )


def body_detail_public(slug: str):
    return bodies_public_with_members().filter(slug=slug)


def body_members_all(body: models.Body):
    """All memberships of a body (staff view), current and past."""
    return body.memberships.select_related("user", "organisation").order_by(
        "is_archived", "role", "user__last_name"
    )


def _visible_body_filter(roles: UserRoles, path: str = "body_id") -> Q | None:
    if roles.is_staff or roles.is_ministry:
        return None
    return Q(**{f"{path}__in": roles.body_ids})


def meetings_for(roles: UserRoles):
    queryset = models.Meeting.objects.live().select_related("body")
    condition = _visible_body_filter(roles)
    return queryset if condition is None else queryset.filter(condition)


def meeting_detail_for(roles: UserRoles):
    documents = models.MeetingDocument.objects.live().order_by("kind", "title")
    prefetches = []
    if roles.can_edit_content:
        # Staff see withdrawn documents too (to release one withdrawn by mistake).
        withdrawn = models.MeetingDocument.objects.filter(is_archived=True).order_by("title")
        prefetches.append(Prefetch("documents", queryset=withdrawn, to_attr="withdrawn_documents"))
    return (
        meetings_for(roles)
        .prefetch_related(
            *prefetches,
            Prefetch("documents", queryset=documents, to_attr="active_documents"),
            Prefetch(
                "agenda_items",
                queryset=models.AgendaItem.objects.select_related("roadmap", "need", "goal"),
            ),
            Prefetch("attendances", queryset=models.Attendance.objects.select_related("user")),
            Prefetch(
                "replies",
                queryset=models.MeetingReply.objects.select_related("user").order_by(
                    "user__last_name", "pk"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=models.Decision.objects.select_related(
                    "body", "meeting", "roadmap"
                ).order_by("decided_at"),
            ),
        )
        .select_related("minutes")
    )


def meeting_list_staff(*, body_id: int | None = None, when: str = ""):
    queryset = (
        models.Meeting.objects.live()
        .select_related("body")
        .annotate(document_count=Count("documents", filter=live_q("documents")))
        .order_by("-starts_at", "-id")
    )
    if body_id:
        queryset = queryset.filter(body_id=body_id)
    now = timezone.now()
    if when == "kommend":
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at")
    elif when == "vergangen":
        queryset = queryset.filter(ends_at__lt=now)
    return queryset


def my_memberships(user):
    return (
        models.Membership.objects.active()
        .live("body")
        .filter(user=user)
        .select_related("body", "body__field")
        .order_by("body__kind", "body__name")
    )


def upcoming_meetings_for(roles: UserRoles, user):
    """„Meine Gremien“: the member's bodies; the ministry and staff see every body's meetings."""
    if not (roles.is_ministry or roles.is_staff):
        return my_upcoming_meetings(user)
    documents = models.MeetingDocument.objects.filter(is_archived=False).order_by("kind", "title")
    return (
        models.Meeting.objects.filter(is_archived=False, ends_at__gte=timezone.now())
        .select_related("body")
        .prefetch_related(Prefetch("documents", queryset=documents, to_attr="active_documents"))
        .order_by("starts_at")
    )


def my_upcoming_meetings(user):
    body_ids = my_memberships(user).values("body_id")
    documents = models.MeetingDocument.objects.live().order_by("kind", "title")
    return (
        models.Meeting.objects.live()
        .filter(body_id__in=body_ids, ends_at__gte=timezone.now())
        .select_related("body")
        .prefetch_related(Prefetch("documents", queryset=documents, to_attr="active_documents"))
        .order_by("starts_at")
    )


def review_rounds_for(roles: UserRoles, *, user=None):
    queryset = models.ReviewRound.objects.live().select_related("body", "body__field")
    condition = _visible_body_filter(roles)
    if condition is not None:
        queryset = queryset.filter(condition)
    queryset = queryset.annotate(item_count=Count("items", distinct=True)).order_by(
        "status", "-deadline", "-id"
    )
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            answered=Exists(
                models.ReviewResponse.objects.filter(item__round=OuterRef("pk"), user=user)
            )
        )
    return queryset


def review_items(round_: models.ReviewRound):
    return round_.items.select_related("need", "need__theme", "theme").order_by("order", "id")


def review_answers_of(round_: models.ReviewRound, user) -> dict[int, models.ReviewResponse]:
    return {
        response.item_id: response
        for response in models.ReviewResponse.objects.filter(item__round=round_, user=user)
    }


def review_participation(round_: models.ReviewRound) -> list[dict]:
    """Per active member: answered or not (live, for staff); no scores."""
    answered = set(
        models.ReviewResponse.objects.filter(item__round=round_).values_list("user_id", flat=True)
    )
    members = (
        models.Membership.objects.active()
        .live()
        .filter(body_id=round_.body_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    seen, rows = set(), []
    for membership in members:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        rows.append({"user": membership.user, "answered": membership.user_id in answered})
    return rows


def review_results(round_: models.ReviewRound) -> list[models.ReviewItem]:
    """Aggregates of a closed round, highest mean first; comments attached per item."""
    comments = models.ReviewResponse.objects.exclude(comment="").order_by("created_at")
    return list(
        review_items(round_)
        .prefetch_related(Prefetch("responses", queryset=comments, to_attr="comments"))
        .order_by("-mean", "order")
    )


def review_results_dataset(round_: models.ReviewRound):
    """The results of a closed round as a tablib Dataset (for CSV/XLSX export)."""
    import tablib
    from django.utils.translation import gettext as _

    dataset = tablib.Dataset(
        headers=[
            _("Art"),
            _("Gegenstand"),
            _("Thema"),
            _("Bewertungen"),
            _("Interessenkonflikte"),
            _("Mittelwert"),
            _("Median"),
            _("Streuung (SD)"),
            _("Adresse"),
        ]
    )
    site = settings.SITE_URL
    for item in review_results(round_):
        if item.need is not None:
            kind, theme, url = (
                _("Handlungsbedarf"),
                item.need.theme.name,
                item.need.get_absolute_url(),
            )
        else:
            assert item.theme is not None  # an item has a need or a theme (check constraint)
            kind, theme, url = _("Thema"), item.theme.name, item.theme.get_absolute_url()
        dataset.append(
            [
                kind,
                str(item.subject),
                theme,
                item.score_count,
                item.conflict_count,
                item.mean,
                item.median,
                item.spread,
                site + url,
            ]
        )
    return dataset


def needs_for_field(field_id: int):
    return (
        Need.objects.live()
        .filter(theme__field_id=field_id)
        .select_related("theme")
        .order_by("theme__name", "title")
    )


def themes_for_field(field_id: int):
    return Theme.objects.live().filter(field_id=field_id).order_by("name")


# --- approvals --------------------------------------------------------------------------------


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
    queryset = models.Decision.objects.filter(is_archived=False).select_related(
        "body",
        "body__field",
        "meeting",
        "roadmap__network__theme__field",
        "goal__field",
        "recommendation__body",
        "recommendation__meeting",
    )
    condition = _visible_body_filter(roles)
    if condition is None:
        return queryset
    return queryset.filter(Q(is_public=True) | condition)


def recommendations_for(roles: UserRoles):
    """Recommendations a role may see.

    Public: given recommendations on published roadmaps (they belong to the published record).
    Members of the board, staff and ministry: all of the board's. The Lenkungskreis: every given
    recommendation (it decides on them).
    """
    queryset = models.Recommendation.objects.filter(is_archived=False).select_related(
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
        subject.recommendations.filter(is_archived=False)
        .select_related("body", "meeting")
        .order_by("status", "-given_at", "-id")
    )


def recommendation_votes(recommendation: models.Recommendation):
    return recommendation.votes.select_related("user").order_by("created_at")


def review_results_for_needs(need_ids):
    """Closed review-round items about these needs (the results that set their priority)."""
    return (
        models.ReviewItem.objects.filter(
            need_id__in=list(need_ids),
            round__status=models.ReviewRound.Status.CLOSED,
            round__is_archived=False,
        )
        .select_related("round", "round__body", "need")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=models.ReviewResponse.objects.exclude(comment="").order_by("created_at"),
                to_attr="comments",
            )
        )
        .order_by("-round__closed_at", "-mean")
    )


def roadmap_need_ids(roadmap: Roadmap) -> set[int]:
    return set(
        Need.objects.filter(
            measures__action_field__roadmap=roadmap,
            measures__is_archived=False,
            is_archived=False,
        ).values_list("pk", flat=True)
    )


def meetings_of_steering_committee():
    """Meetings of the Lenkungskreis that have begun (nothing is decided before a meeting)."""
    return (
        models.Meeting.objects.live()
        .filter(
            body__kind=models.Body.Kind.STEERING,
            cancelled_at__isnull=True,
            starts_at__lte=timezone.now(),
        )
        .order_by("-starts_at")
    )


def meetings_of_board(body: models.Body):
    """Meetings of a board that have begun, for recording a recommendation given in one."""
    return (
        models.Meeting.objects.live()
        .filter(body=body, cancelled_at__isnull=True, starts_at__lte=timezone.now())
        .order_by("-starts_at")
    )


# --- forum events -----------------------------------------------------------------------------


def events_public(*, when: str = ""):
    confirmed = Count(
        "registrations", filter=Q(registrations__status=models.Registration.Status.CONFIRMED)
    )
    queryset = (
        models.ForumEvent.objects.live().select_related("body").annotate(confirmed_count=confirmed)
    )
    now = timezone.now()
    if when == "alle":
        return queryset.order_by("starts_at", "pk")
    if when == "vergangen":
        return queryset.filter(ends_at__lt=now).order_by("-starts_at")
    return queryset.filter(ends_at__gte=now).order_by("starts_at")


def event_registrations(event: models.ForumEvent):
    return event.registrations.order_by("status", "email_confirmed_at", "created_at", "id")


def forum_participant_counts(*, year: int | None = None) -> list[dict]:
    """Participants per forum event (for monitoring), kept after data deletion.

    Once staff recorded the attendance, the people who came count; before that, the confirmed
    registrations. Cancelled events had no participants and are left out.
    """
    queryset = models.ForumEvent.objects.live().filter(cancelled_at__isnull=True)
    if year:
        queryset = queryset.filter(starts_at__year=year)
    return list(
        queryset.annotate(
            participants=Case(
                When(
                    attendance_recorded_at__isnull=False,
                    then=Count("registrations", filter=Q(registrations__attended=True)),
                ),
                default=Count(
                    "registrations",
                    filter=Q(registrations__status=models.Registration.Status.CONFIRMED),
                ),
            ),
            attendance_recorded=ExpressionWrapper(
                Q(attendance_recorded_at__isnull=False), output_field=BooleanField()
            ),
        )
        .order_by("starts_at")
        .values("pk", "slug", "title", "starts_at", "participants", "attendance_recorded")
    )
