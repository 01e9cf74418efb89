"""Forum events: the public list, registrations and participant counts."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    Q,
    When,
)
from django.utils import timezone

from .. import models


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
