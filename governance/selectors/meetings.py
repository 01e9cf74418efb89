"""Meetings: scoped to the bodies the role may see (staff and ministry: all)."""

from django.db.models import (
    Count,
    Prefetch,
)
from django.utils import timezone

from ris_portal.models import live_q
from ris_portal.roles import UserRoles

from .. import models
from .bodies import my_memberships, visible_body_filter


def meetings_for(roles: UserRoles):
    queryset = models.Meeting.objects.live().select_related("body")
    condition = visible_body_filter(roles)
    return queryset if condition is None else queryset.filter(condition)


def meeting_detail_for(roles: UserRoles):
    documents = models.MeetingDocument.objects.live().order_by("kind", "title")
    prefetches = []
    if roles.can_edit_content:
        # Staff see withdrawn documents too (to release one withdrawn by mistake).
        withdrawn = models.MeetingDocument.objects.archived().order_by("title")
        prefetches.append(Prefetch("documents", queryset=withdrawn, to_attr="withdrawn_documents"))
    return (
        meetings_for(roles)
        .prefetch_related(
            *prefetches,
            Prefetch("documents", queryset=documents, to_attr="active_documents"),
            # The items still on the agenda (a removed one is archived).
            Prefetch(
                "agenda_items",
                queryset=models.AgendaItem.objects.live().select_related("roadmap", "need", "goal"),
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


def upcoming_meetings_for(roles: UserRoles, user):
    """„Meine Gremien“: the member's bodies; the ministry and staff see every body's meetings."""
    if not (roles.is_ministry or roles.is_staff):
        return my_upcoming_meetings(user)
    documents = models.MeetingDocument.objects.live().order_by("kind", "title")
    return (
        models.Meeting.objects.live()
        .filter(ends_at__gte=timezone.now())
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
