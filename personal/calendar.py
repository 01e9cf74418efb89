"""The personal calendar feed: my meetings, the forum events I registered for, my deadlines."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.calendar import calendar_document, forum_event_vevent, vevent
from ris_portal.roles import UserRoles

# How far back the feed reaches (calendar programs keep what they already have).
FEED_PAST_DAYS = 180


def _of_my_bodies(queryset, roles: UserRoles):
    """Staff and the ministry get every body's rows, everybody else those of their bodies."""
    queryset = queryset.select_related("body")
    if roles.is_staff or roles.is_ministry:
        return queryset
    return queryset.filter(body_id__in=roles.body_ids)


def personal_calendar(user, roles: UserRoles, *, request=None) -> bytes:
    from governance.models import ForumEvent, Meeting, Registration, ReviewRound

    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    site = settings.SITE_URL
    events: list[list[str]] = []

    meetings = _of_my_bodies(Meeting.objects.live().filter(ends_at__gte=since), roles)
    for meeting in meetings.order_by("starts_at"):
        events.append(
            vevent(
                uid=f"sitzung-{meeting.pk}",
                start=meeting.starts_at,
                end=meeting.ends_at,
                summary=meeting.title,
                description=meeting.body.name,
                location=meeting.location or meeting.online_url,
                url=site + meeting.get_absolute_url(),
                cancelled=meeting.is_cancelled,
                sequence=meeting.version,
            )
        )

    forum_events = ForumEvent.objects.live().filter(ends_at__gte=since)
    if not roles.is_staff:
        forum_events = forum_events.filter(
            registrations__email__iexact=user.email,
            registrations__status=Registration.Status.CONFIRMED,
        ).distinct()
    for event in forum_events.order_by("starts_at") if user.email or roles.is_staff else []:
        events.append(forum_event_vevent(event, url=site + event.get_absolute_url()))

    rounds = _of_my_bodies(ReviewRound.objects.live().filter(deadline__gte=since), roles)
    for round_ in rounds.order_by("deadline"):
        events.append(
            vevent(
                uid=f"frist-runde-{round_.pk}",
                start=round_.deadline - datetime.timedelta(minutes=30),
                end=round_.deadline,
                summary=_("Frist: %(title)s") % {"title": round_.title},
                description=round_.body.name,
                url=site + round_.get_absolute_url(),
                sequence=round_.version,
            )
        )
    return calendar_document(events, name=_("RIS-Portal Thüringen"))
