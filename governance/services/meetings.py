"""Writes for meetings: agenda, documents, attendance, minutes, decisions, invitations."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.concurrency import save_versioned
from ris_portal.emails import send_templated_mail
from ris_portal.models import create_validated

from ..calendar import meeting_ics
from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
)
from .replies import meeting_ensure_started, reply_token


@transaction.atomic
def meeting_create(*, body: Body, **values) -> Meeting:
    meeting = create_validated(Meeting, body=body, **values)
    Minutes.objects.create(meeting=meeting)
    return meeting


def agenda_closed_reason(meeting: Meeting) -> str:
    """Why the agenda of `meeting` can no longer change ("" while it can).

    A cancelled meeting keeps the agenda it was cancelled with; once the minutes are approved
    they are the record of that agenda, and the agenda (page and PDF) must keep matching them.
    Reads `meeting.minutes` (select it with the meeting to save the query)."""
    if meeting.is_cancelled:
        return _("Die Sitzung ist abgesagt; ihre Tagesordnung kann nicht mehr geändert werden.")
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_approved:
        return _(
            "Das Protokoll der Sitzung ist abgestimmt; die Tagesordnung kann nicht mehr "
            "geändert werden."
        )
    return ""


def agenda_ensure_open(meeting: Meeting) -> None:
    reason = agenda_closed_reason(meeting)
    if reason:
        raise ValidationError(reason, code="agenda_closed")


def _agenda_lock(meeting: Meeting) -> None:
    """Serialise the agenda writes of one meeting (row lock until the transaction ends), so two
    staff adding or renumbering items at once cannot both take the same free number."""
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk", flat=True))


def _agenda_number_ensure_free(
    meeting: Meeting, number: int, *, item: AgendaItem | None = None
) -> None:
    """Refuse a TOP number that another item still on the agenda has: the pages, the PDFs and
    the minutes refer to items by their number. A removed item's number is free again."""
    taken = meeting.agenda_items.live().filter(order=number)
    if item is not None:
        taken = taken.exclude(pk=item.pk)
    if taken.exists():
        raise ValidationError(
            {
                "order": _(
                    "TOP %(number)s ist auf dieser Tagesordnung bereits vergeben. Bitte wählen "
                    "Sie eine andere Nummer."
                )
                % {"number": number}
            },
            code="order_taken",
        )


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, **values) -> AgendaItem:
    agenda_ensure_open(meeting)
    _agenda_lock(meeting)
    if "order" not in values or not values["order"]:
        # After the highest number of the items still on the agenda (a removed item's number
        # is free again).
        highest = meeting.agenda_items.live().aggregate(Max("order"))["order__max"]
        values["order"] = (highest or 0) + 1
    else:
        _agenda_number_ensure_free(meeting, values["order"])
    return create_validated(AgendaItem, meeting=meeting, **values)


AGENDA_ITEM_FIELDS = frozenset({"order", "title", "description", "roadmap", "need", "goal"})


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, expected_version: int | None, **values) -> AgendaItem:
    """Correct an agenda item (number, title, explanation, subject) while the agenda is open.

    `values`: any of `AGENDA_ITEM_FIELDS`. Refused as stale (`ConcurrentEditError`) when the
    item was saved by someone else after `expected_version`."""
    unknown = set(values) - AGENDA_ITEM_FIELDS
    if unknown:
        raise TypeError(f"agenda_item_update() got unexpected fields: {sorted(unknown)}")
    if item.is_archived:
        raise ValidationError(_("Der Tagesordnungspunkt ist entfernt."))
    agenda_ensure_open(item.meeting)
    _agenda_lock(item.meeting)
    for name, value in values.items():
        setattr(item, name, value)
    item.full_clean()
    _agenda_number_ensure_free(item.meeting, item.order, item=item)
    return save_versioned(
        item, expected_version=expected_version, change_reason=_("Tagesordnungspunkt bearbeitet")
    )


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, expected_version: int | None) -> AgendaItem:
    """Take an item off the agenda while it is open: archived, not deleted (its history stays);
    the meeting page and the agenda and minutes PDFs show only the items still on it."""
    if item.is_archived:
        raise ValidationError(_("Der Tagesordnungspunkt ist bereits entfernt."))
    agenda_ensure_open(item.meeting)
    item.is_archived = True
    return save_versioned(
        item, expected_version=expected_version, change_reason=_("Tagesordnungspunkt entfernt")
    )


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
    *, meeting: Meeting, title: str, kind: str, file, uploaded_by
) -> MeetingDocument:
    """Store an uploaded `file` (checked: type and content) as a document of `meeting`."""
    document_check(file)
    return create_validated(
        MeetingDocument,
        meeting=meeting,
        title=title,
        kind=kind,
        file=file,
        size=file.size,
        content_type=getattr(file, "content_type", "") or "",
        uploaded_by=uploaded_by,
    )


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str]) -> None:
    """Set the attendance of the given users ({user_id: status}); empty status removes it."""
    meeting_ensure_started(meeting)
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
    meeting_ensure_started(minutes.meeting)
    minutes.text = text
    minutes.full_clean()
    return save_versioned(minutes, expected_version=expected_version)


@transaction.atomic
def minutes_approve(*, minutes: Minutes, approved_by, expected_version: int) -> Minutes:
    if minutes.is_approved:
        raise ValidationError(_("Das Protokoll ist bereits abgestimmt."))
    if not minutes.text.strip():
        raise ValidationError(_("Ein leeres Protokoll kann nicht abgestimmt werden."))
    meeting_ensure_started(minutes.meeting)
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
def meeting_invitations_send(*, meeting: Meeting, actor=None) -> int:
    """E-mail every active member an invitation with the meeting as iCalendar attachment."""
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt; es wird keine Einladung versandt."))
    resent = meeting.invitations_sent_at is not None
    meeting.invitations_sent_at = timezone.now()
    save_versioned(meeting, expected_version=meeting.version, change_reason=_("Einladung versandt"))
    title = (
        gettext_lazy("Einladung (aktualisiert): %(title)s am %(date)s")
        if resent
        else gettext_lazy("Einladung: %(title)s am %(date)s")
    )
    return _notify_members(meeting, "meeting_invitation", "sitzung.ics", title=title, actor=actor)


def meeting_changes_notify(*, meeting: Meeting, changed: list[str], actor=None) -> int:
    """After staff changed the date or place of an invited meeting: members get the update
    (the calendar file has the same UID and a higher SEQUENCE, so calendars move the entry)."""
    if meeting.invitations_sent_at is None or meeting.is_cancelled or not changed:
        return 0
    return _notify_members(
        meeting,
        "meeting_invitation",
        "sitzung.ics",
        title=gettext_lazy("Sitzung geändert: %(title)s am %(date)s"),
        actor=actor,
        changed=True,
    )


def _notify_members(
    meeting: Meeting, template: str, filename: str, *, title, actor=None, changed=False
) -> int:
    """Notify each active member; the e-mail carries the meeting as iCalendar (REQUEST, or
    CANCEL once the meeting is cancelled), naming only its own recipient as attendee, and for
    an invitation a personal link to answer it (accept, decline, substitute)."""
    from personal.models import Kind
    from personal.notifications import notify, unsubscribe_headers, unsubscribe_url

    member_ids = set(
        Membership.objects.active()
        .live()
        .filter(body=meeting.body)
        .values_list("user_id", flat=True)
    )
    path = meeting.get_absolute_url()
    url = f"{settings.SITE_URL}{path}"
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"

    def mailer(notification, user):
        reply_url = ""
        if not meeting.is_cancelled:
            token = reply_token(meeting_id=meeting.pk, user_id=user.pk)
            reply_url = settings.SITE_URL + reverse(
                "governance:meeting_reply_link", kwargs={"pk": meeting.pk, "token": token}
            )
        unsubscribe = unsubscribe_url(user_id=user.pk, kind=Kind.MEETING)
        send_templated_mail(
            f"governance/emails/{template}",
            to=[user.email],
            context={
                "meeting": meeting,
                "url": url,
                "reply_url": reply_url,
                "changed": changed,
                "unsubscribe_url": unsubscribe,
            },
            attachments=[
                (
                    filename,
                    meeting_ics(meeting, url=url, attendee=user.email),
                    f"text/calendar; method={method}",
                )
            ],
            dedupe_key=f"notification:{notification.pk}",
            headers=unsubscribe_headers(unsubscribe),
        )

    notified = notify(
        kind=Kind.MEETING,
        users=member_ids,
        title=title,
        params={
            "title": meeting.title,
            "date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H:%M"),
        },
        url=path,
        actor=actor,
        mailer=mailer,
    )
    return len(notified)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, expected_version: int, actor=None) -> Meeting:
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
        _notify_members(
            meeting,
            "meeting_cancelled",
            "absage.ics",
            title=gettext_lazy("Sitzung abgesagt: %(title)s am %(date)s"),
            actor=actor,
        )
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
    decided_by,
    meeting: Meeting | None = None,
    deviation_reason: str = "",
    **fields,
) -> Decision:
    """Record a decision; one taken in a meeting is dated with the meeting's start.

    `fields`: the decision's title and outcome, and where given its text, votes, subject
    (roadmap or goal), visibility and the recommendation it refers to."""
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError(_("Die Sitzung gehört zu einem anderen Gremium."))
    if meeting is not None and meeting.is_cancelled:
        raise ValidationError(_("In einer abgesagten Sitzung wird nichts beschlossen."))
    if meeting is not None:
        meeting_ensure_started(meeting)
        fields["decided_at"] = meeting.starts_at
    decision = create_validated(
        Decision,
        body=body,
        meeting=meeting,
        decided_by=decided_by,
        deviation_reason=deviation_reason.strip(),
        **fields,
    )
    _notify_decision(decision, actor=decided_by)
    return decision


def _notify_decision(decision: Decision, *, actor) -> None:
    """Tell those who may open the decision's subject: the link decides the audience."""
    from fields.selectors import roadmap_list_workspace
    from personal import notifications as notes
    from personal.follows import follower_ids
    from personal.models import Kind

    from ..selectors import goals_for

    staff = notes.staff_user_ids()
    subject = decision.roadmap or decision.goal
    if subject is not None:
        # A roadmap or a goal: the field's board recommended on it and may open its page.
        roadmap = decision.roadmap
        field_id = roadmap.network.theme.field_id if roadmap else subject.field_id
        url = subject.get_absolute_url()
        scope = roadmap_list_workspace if roadmap else goals_for
        users = (
            staff
            | notes.steering_member_ids()
            | notes.field_board_member_ids(field_id)
            | follower_ids(subject, scope=scope)
        )
    elif decision.meeting is not None:
        url = decision.meeting.get_absolute_url()
        users = staff | notes.body_member_ids(decision.body_id)
    else:
        return
    notes.notify(
        kind=Kind.DECISION,
        users=users,
        title=gettext_lazy("Beschluss des Gremiums %(body)s: %(title)s – %(outcome)s"),
        params={
            "body": decision.body.name,
            "title": decision.title,
            "outcome": decision.get_outcome_display(),
        },
        url=url,
        actor=actor,
    )
