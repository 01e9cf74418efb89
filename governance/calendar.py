"""iCalendar (RFC 5545) written by hand, no dependency: meeting invitations, forum events and
the personal calendar feed (`personal.calendar`) share the VEVENT writer below."""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold content lines longer than 75 octets (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting, *, url: str = "", attendee: str = "") -> bytes:
    """The meeting as an invitation; for a cancelled meeting, the cancellation (METHOD:CANCEL)

    with the same UID and a higher SEQUENCE, which calendar programs apply to the entry they
    got with the invitation. ORGANIZER (the portal's sender address) and the one ATTENDEE the
    mail goes to are required by iTIP (RFC 5546); other members' addresses are not disclosed.
    """
    description = meeting.body.name + (f"\n{meeting.online_url}" if meeting.online_url else "")
    participants = []
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if organizer_email:
        # CN is a quoted parameter value: it may not contain a double quote (RFC 5545 §3.2).
        common_name = f';CN="{organizer_name.replace(chr(34), "")}"' if organizer_name else ""
        participants.append(f"ORGANIZER{common_name}:mailto:{organizer_email}")
    if attendee:
        participants.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{attendee}")
    cancelled = meeting.cancelled_at is not None
    event = vevent(
        uid=f"sitzung-{meeting.pk}",
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=meeting.title,
        description=description,
        participants=participants,
        location=meeting.location or meeting.online_url,
        url=url,
        cancelled=cancelled,
        sequence=meeting.version,
    )
    return calendar_document([event], method="CANCEL" if cancelled else "REQUEST")


def _host() -> str:
    return settings.SITE_URL.split("//")[-1].split("/")[0] or "ris-portal"


def vevent(
    *,
    uid: str,
    start,
    end,
    summary: str,
    description: str = "",
    participants: list[str] | tuple[str, ...] = (),
    location: str = "",
    url: str = "",
    cancelled: bool = False,
    sequence: int = 0,
) -> list[str]:
    """The content lines of one VEVENT (unfolded); `uid` gets the portal's host appended."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@{_host()}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += participants  # ORGANIZER and ATTENDEE of an invitation (iTIP)
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if url:
        lines.append(f"URL:{url}")
    if cancelled:
        lines.append("STATUS:CANCELLED")
    lines += [f"SEQUENCE:{sequence}", "END:VEVENT"]
    return lines


def calendar_document(events: list[list[str]], *, name: str = "", method: str = "") -> bytes:
    """A VCALENDAR around the given VEVENTs (a feed has no METHOD; a mail attachment has)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//RIS-Portal Thüringen//Gremien//DE",
        "CALSCALE:GREGORIAN",
    ]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def forum_event_vevent(event, *, url: str = "") -> list[str]:
    """A forum event's VEVENT (the confirmation's attachment and the personal feed)."""
    return vevent(
        uid=f"veranstaltung-{event.pk}",
        start=event.starts_at,
        end=event.ends_at,
        summary=event.title,
        location=event.location,
        url=url,
        cancelled=event.is_cancelled,
        sequence=event.version,
    )


def forum_event_ics(event, *, url: str = "") -> bytes:
    """A forum event for the participant's calendar (attached to the confirmation)."""
    return calendar_document([forum_event_vevent(event, url=url)], method="PUBLISH")
