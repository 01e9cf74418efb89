"""Builders for governance test data (kept here so tests/factories.py stays small)."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from fields.models import Need, Roadmap, ValueNetwork
from governance import services
from governance.models import ForumEvent, MeetingDocument, ReviewRound
from tests.factories import ThemeFactory

_seq = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_meeting(body, *, days: int = 7, title: str = ""):
    start = timezone.now() + datetime.timedelta(days=days)
    return services.meeting_create(
        body=body,
        title=title or f"Sitzung {next(_seq)}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Erfurt",
    )


def make_document(meeting, *, uploaded_by, title="Einladung"):
    document = MeetingDocument(
        meeting=meeting, title=title, kind=MeetingDocument.Kind.INVITATION, uploaded_by=uploaded_by
    )
    document.file.save("einladung.pdf", ContentFile(PDF_BYTES), save=False)
    document.size = len(PDF_BYTES)
    document.save()
    return document


def make_need(field, *, title: str = "", theme=None):
    theme = theme or ThemeFactory(field=field)
    return Need.objects.create(theme=theme, title=title or f"Handlungsbedarf {next(_seq)}")


def make_roadmap(field, *, status=Roadmap.Status.DRAFT, title: str = ""):
    n = next(_seq)
    network = ValueNetwork.objects.create(
        theme=ThemeFactory(field=field), slug=f"netz-{n}", name=f"Netzwerk {n}"
    )
    return Roadmap.objects.create(
        network=network, title=title or f"Roadmap {n}", status=status, submitted_at=timezone.now()
    )


def make_round(body, *, created_by, needs, days: int = 7) -> ReviewRound:
    return services.review_round_open(
        body=body,
        title=f"Runde {next(_seq)}",
        deadline=timezone.now() + datetime.timedelta(days=days),
        created_by=created_by,
        needs=needs,
    )


def make_event(*, capacity: int = 10, days: int = 14, slug: str = "") -> ForumEvent:
    start = timezone.now() + datetime.timedelta(days=days)
    return services.event_save(
        event=ForumEvent(
            slug=slug or f"forum-{next(_seq)}",
            title="RIS-Forum",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            location="Erfurt",
            capacity=capacity,
        )
    )


def register(event, *, name: str, email: str, organisation: str = ""):
    """A registration whose e-mail address is confirmed (the double opt-in done)."""
    pending = services.registration_create(
        event=event, name=name, email=email, organisation=organisation, privacy_consent=True
    )
    return services.registration_confirm(event=event, token=pending.confirmation_token)
