"""Writes for meetings: agenda, documents, attendance, minutes, decisions, invitations."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import Roadmap
from ris_portal.concurrency import save_versioned
from ris_portal.emails import send_templated_mail

from ..calendar import meeting_ics
from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    DevelopmentGoal,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
)


@transaction.atomic
def meeting_create(*, body: Body, **values) -> Meeting:
    meeting = Meeting(body=body, **values)
    meeting.full_clean()
    meeting.save()
    Minutes.objects.create(meeting=meeting)
    return meeting


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **values) -> AgendaItem:
    if "order" not in values or not values["order"]:
        values["order"] = meeting.agenda_items.count() + 1
    item = AgendaItem(meeting=meeting, **values)
    item.full_clean()
    item.save()
    return item


# Allowed uploads: extension → (content types, leading bytes). Office formats are ZIP files.
_ZIP = b"PK\x03\x04"
ALLOWED_UPLOADS = {
    "pdf": b"%PDF-",
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def document_check(upload) -> None:
    """Refuse files that are too large, of another type, or whose content does not match."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_UPLOADS:
        raise ValidationError(
            _("Erlaubt sind PDF, DOCX, XLSX, PPTX, PNG und JPEG."), code="file_type"
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei ist größer als %(max)s MB.") % {"max": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(ALLOWED_UPLOADS[extension]):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zur Dateiendung .%(ext)s.") % {"ext": extension},
            code="file_content",
        )


@transaction.atomic
def document_upload(
    *, meeting: Meeting, title: str, kind: str, upload, uploaded_by
) -> MeetingDocument:
    document_check(upload)
    document = MeetingDocument(
        meeting=meeting,
        title=title,
        kind=kind,
        file=upload,
        size=upload.size,
        content_type=getattr(upload, "content_type", "") or "",
        uploaded_by=uploaded_by,
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str]) -> None:
    """Set the attendance of the given users ({user_id: status}); empty status removes it."""
    for user_id, status in statuses.items():
        if status:
            Attendance.objects.update_or_create(
                meeting=meeting, user_id=user_id, defaults={"status": status}
            )
        else:
            Attendance.objects.filter(meeting=meeting, user_id=user_id).delete()


@transaction.atomic
def minutes_update(*, minutes: Minutes, text: str, expected_version: int) -> Minutes:
    if minutes.is_approved:
        raise ValidationError(_("Ein abgestimmtes Protokoll kann nicht mehr geändert werden."))
    minutes.text = text
    minutes.full_clean()
    return save_versioned(minutes, expected_version=expected_version)


@transaction.atomic
def minutes_approve(*, minutes: Minutes, approved_by, expected_version: int) -> Minutes:
    if minutes.is_approved:
        raise ValidationError(_("Das Protokoll ist bereits abgestimmt."))
    if not minutes.text.strip():
        raise ValidationError(_("Ein leeres Protokoll kann nicht abgestimmt werden."))
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = approved_by
    return save_versioned(
        minutes, expected_version=expected_version, change_reason=_("Protokoll abgestimmt")
    )


def body_recipients(body: Body) -> list[str]:
    return list(
        Membership.objects.active()
        .live()
        .filter(body=body, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


@transaction.atomic
def meeting_invitations_send(*, meeting: Meeting) -> int:
    """E-mail every active member an invitation with the meeting as iCalendar attachment."""
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt; es wird keine Einladung versandt."))
    meeting.invitations_sent_at = timezone.now()
    save_versioned(meeting, expected_version=meeting.version, change_reason=_("Einladung versandt"))
    return _mail_members_after_commit(meeting, "meeting_invitation", "sitzung.ics")


def _mail_members_after_commit(meeting: Meeting, template: str, filename: str) -> int:
    """E-mail each active member with the meeting as iCalendar (REQUEST, or CANCEL once the
    meeting is cancelled); each file names only its own recipient as attendee."""
    recipients = body_recipients(meeting.body)
    url = f"{settings.SITE_URL}{meeting.get_absolute_url()}"
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"

    def send():
        for email in recipients:
            send_templated_mail(
                f"governance/emails/{template}",
                to=[email],
                context={"meeting": meeting, "url": url},
                attachments=[
                    (
                        filename,
                        meeting_ics(meeting, url=url, attendee=email),
                        f"text/calendar; method={method}",
                    )
                ],
            )

    send()  # queued in the outbox with this transaction (ris_portal.emails)
    return len(recipients)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, expected_version: int) -> Meeting:
    """Cancel a meeting; invited members get the cancellation with an iCalendar CANCEL.

    The meeting, its agenda and documents stay (marked "abgesagt"); nothing is deleted.
    """
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist bereits abgesagt."))
    if not meeting.is_upcoming:
        raise ValidationError(_("Eine vergangene Sitzung kann nicht abgesagt werden."))
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund für die Absage an.")})
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason.strip()
    save_versioned(meeting, expected_version=expected_version, change_reason=_("Sitzung abgesagt"))
    if meeting.invitations_sent_at is not None:
        _mail_members_after_commit(meeting, "meeting_cancelled", "absage.ics")
    return meeting


def document_withdraw(*, document: MeetingDocument, reason: str = "") -> MeetingDocument:
    """Withdraw an uploaded document (e.g. the wrong file): hidden, kept with its history."""
    if document.is_archived:
        raise ValidationError(_("Die Unterlage ist bereits zurückgezogen."))
    document.is_archived = True
    document._change_reason = _("Unterlage zurückgezogen")  # type: ignore[attr-defined]
    document.save(update_fields=["is_archived"])
    return document


def document_restore(*, document: MeetingDocument) -> MeetingDocument:
    """Make a withdrawn document visible to the members again (withdrawn by mistake)."""
    if not document.is_archived:
        raise ValidationError(_("Die Unterlage ist nicht zurückgezogen."))
    document.is_archived = False
    document._change_reason = _("Unterlage wieder freigegeben")  # type: ignore[attr-defined]
    document.save(update_fields=["is_archived"])
    return document


@transaction.atomic
def decision_record(
    *,
    body: Body,
    title: str,
    outcome: str,
    decided_by,
    meeting: Meeting | None = None,
    text: str = "",
    votes_yes: int = 0,
    votes_no: int = 0,
    votes_abstain: int = 0,
    roadmap: Roadmap | None = None,
    goal: DevelopmentGoal | None = None,
    is_public: bool = True,
    recommendation=None,
    deviation_reason: str = "",
) -> Decision:
    """Record a decision; one taken in a meeting is dated with the meeting's start."""
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError(_("Die Sitzung gehört zu einem anderen Gremium."))
    if meeting is not None and meeting.is_cancelled:
        raise ValidationError(_("In einer abgesagten Sitzung wird nichts beschlossen."))
    decision = Decision(
        body=body,
        meeting=meeting,
        title=title,
        text=text,
        outcome=outcome,
        votes_yes=votes_yes,
        votes_no=votes_no,
        votes_abstain=votes_abstain,
        decided_by=decided_by,
        roadmap=roadmap,
        goal=goal,
        is_public=is_public,
        recommendation=recommendation,
        deviation_reason=deviation_reason.strip(),
    )
    if meeting is not None:
        decision.decided_at = meeting.starts_at
    decision.full_clean()
    decision.save()
    return decision
