"""Writes of the governance app: memberships, meetings, review rounds, approvals, forum events.

Every service is keyword-only, validates with `full_clean()` and runs in a transaction. Changes
to versioned rows of other apps (roadmaps, needs) go through `save_versioned`, so that they are
refused on a concurrent edit and appear in the object's history with a reason.
"""

from __future__ import annotations

import datetime
import secrets
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import Need, Roadmap, Theme
from ris_portal.accounts import user_invite
from ris_portal.concurrency import save_versioned
from ris_portal.emails import send_templated_mail

from .calendar import meeting_ics
from .models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    DevelopmentGoal,
    ForumEvent,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    Registration,
    ReviewItem,
    ReviewResponse,
    ReviewRound,
)

# --- bodies and members -----------------------------------------------------------------------


@transaction.atomic
def membership_invite(
    *,
    body: Body,
    email: str,
    first_name: str,
    last_name: str,
    sector: str,
    role: str,
    invited_by,
    organisation=None,
    term: str = "",
    start: datetime.date | None = None,
    public_consent: bool = False,
) -> Membership:
    """Add a person to a body; a person without an account is invited (the account is created)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        user = user_invite(
            email=email, first_name=first_name, last_name=last_name, invited_by=invited_by
        ).user
    membership = Membership(
        body=body,
        user=user,
        organisation=organisation,
        sector=sector,
        role=role,
        term=term or body.current_term,
        start=start or timezone.localdate(),
        public_consent=public_consent,
    )
    membership.full_clean()
    membership.save()
    return membership


# --- meetings ---------------------------------------------------------------------------------


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
        .filter(body=body, is_archived=False, user__is_active=True)
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

    transaction.on_commit(send)
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
    document._change_reason = _("Unterlage zurückgezogen")
    document.save(update_fields=["is_archived"])
    return document


def document_restore(*, document: MeetingDocument) -> MeetingDocument:
    """Make a withdrawn document visible to the members again (withdrawn by mistake)."""
    if not document.is_archived:
        raise ValidationError(_("Die Unterlage ist nicht zurückgezogen."))
    document.is_archived = False
    document._change_reason = _("Unterlage wieder freigegeben")
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
) -> Decision:
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
    )
    decision.full_clean()
    decision.save()
    return decision


# --- approvals of roadmaps and development goals ----------------------------------------------

SUBMITTABLE = {
    Roadmap: (Roadmap.Status.DRAFT, Roadmap.Status.BOARD_REVIEW, Roadmap.Status.RETURNED),
    DevelopmentGoal: (DevelopmentGoal.Status.DRAFT, DevelopmentGoal.Status.RETURNED),
}
SUBMITTED = "eingereicht"
APPROVED = "beschlossen"
RETURNED = "zurueckgegeben"


def steering_committee() -> Body:
    body = Body.objects.filter(kind=Body.Kind.STEERING, is_archived=False).first()
    if body is None:
        raise ValidationError(_("Es ist kein Lenkungskreis angelegt."))
    return body


@transaction.atomic
def approval_submit(*, obj: Roadmap | DevelopmentGoal, expected_version: int):
    """Staff submit a roadmap or goal to the Lenkungskreis."""
    if obj.status not in SUBMITTABLE[type(obj)]:
        raise ValidationError(
            _("Aus dem Status „%(status)s“ kann nicht eingereicht werden.")
            % {"status": obj.get_status_display()}
        )
    obj.status = SUBMITTED
    obj.submitted_at = timezone.now()
    obj.full_clean()
    return save_versioned(
        obj, expected_version=expected_version, change_reason=_("beim Lenkungskreis eingereicht")
    )


@transaction.atomic
def approval_decide(
    *,
    obj: Roadmap | DevelopmentGoal,
    approve: bool,
    decided_by,
    expected_version: int,
    reason: str = "",
    meeting: Meeting | None = None,
    votes_yes: int = 0,
    votes_no: int = 0,
    votes_abstain: int = 0,
) -> Decision:
    """The Lenkungskreis approves or returns a submitted roadmap or goal; records the decision."""
    if obj.status != SUBMITTED:
        raise ValidationError(_("Es können nur eingereichte Vorlagen entschieden werden."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Rückgabe.")})
    now = timezone.now()
    if approve:
        obj.status = APPROVED
        obj.decided_at = now
        obj.status_reason = ""
        change_reason = _("vom Lenkungskreis beschlossen")
    else:
        obj.status = RETURNED
        obj.status_reason = reason.strip()
        change_reason = _("vom Lenkungskreis zurückgegeben: %(reason)s") % {"reason": reason}
    obj.full_clean()
    save_versioned(obj, expected_version=expected_version, change_reason=change_reason)
    is_roadmap = isinstance(obj, Roadmap)
    return decision_record(
        body=meeting.body if meeting else steering_committee(),
        meeting=meeting,
        title=(_("Roadmap: %(title)s") if is_roadmap else _("Entwicklungsziel: %(title)s"))
        % {"title": obj.title},
        text=reason.strip(),
        outcome=Decision.Outcome.APPROVED if approve else Decision.Outcome.RETURNED,
        votes_yes=votes_yes,
        votes_no=votes_no,
        votes_abstain=votes_abstain,
        decided_by=decided_by,
        roadmap=obj if is_roadmap else None,
        goal=None if is_roadmap else obj,
        # A return is part of the deliberation on a draft (with the committee's reasons), not a
        # public decision; members of the bodies and staff still see it with the meeting.
        is_public=approve,
    )


@transaction.atomic
def roadmap_publish(*, roadmap: Roadmap, expected_version: int) -> Roadmap:
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ValidationError(_("Nur beschlossene Roadmaps können veröffentlicht werden."))
    roadmap.status = Roadmap.Status.PUBLISHED
    roadmap.published_at = timezone.now()
    roadmap.full_clean()
    return save_versioned(
        roadmap, expected_version=expected_version, change_reason=_("veröffentlicht")
    )


def goal_ensure_editable(*, goal: DevelopmentGoal) -> None:
    """Submitted and approved goals are the Lenkungskreis's: their content stays as decided."""
    if goal.status not in DevelopmentGoal.EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Das Entwicklungsziel ist im Status „%(status)s“ und kann nicht mehr bearbeitet "
                "werden."
            )
            % {"status": goal.get_status_display()}
        )


def goal_save(*, goal: DevelopmentGoal, expected_version: int | None = None) -> DevelopmentGoal:
    goal.full_clean()
    if goal.pk is None:
        goal.save()
        return goal
    with transaction.atomic():
        # The stored status counts (the form's instance may be stale).
        goal_ensure_editable(goal=DevelopmentGoal.objects.select_for_update().get(pk=goal.pk))
        return save_versioned(goal, expected_version=expected_version)


# --- review rounds ----------------------------------------------------------------------------


@transaction.atomic
def review_round_open(
    *,
    body: Body,
    title: str,
    deadline: datetime.datetime,
    created_by,
    needs=(),
    themes=(),
    description: str = "",
) -> ReviewRound:
    """Staff open a round for a board over chosen needs and/or themes of the board's field."""
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("Die Frist muss in der Zukunft liegen.")})
    needs, themes = list(needs), list(themes)
    if not needs and not themes:
        raise ValidationError(
            _("Bitte wählen Sie mindestens einen Handlungsbedarf oder ein Thema.")
        )
    if body.field_id is not None:
        foreign = [n for n in needs if n.theme.field_id != body.field_id] + [
            t for t in themes if t.field_id != body.field_id
        ]
        if foreign:
            raise ValidationError(_("Alle Gegenstände müssen zum Feld des Gremiums gehören."))
    round_ = ReviewRound(
        body=body, title=title, deadline=deadline, created_by=created_by, description=description
    )
    round_.full_clean()
    round_.save()
    order = 0
    for subject in needs + themes:
        order += 1
        ReviewItem.objects.create(
            round=round_,
            order=order,
            need=subject if isinstance(subject, Need) else None,
            theme=subject if isinstance(subject, Theme) else None,
        )
    return round_


def review_member_ids(round_: ReviewRound) -> set[int]:
    return set(
        Membership.objects.active()
        .filter(body_id=round_.body_id, is_archived=False)
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def review_answers_save(*, round_: ReviewRound, user, answers: dict[int, dict]) -> int:
    """Save a member's answers: {item_id: {"score", "comment", "conflict"}}; replaces earlier ones.

    Members may change their answers until the deadline. Every item needs a score or a declared
    conflict of interest (then the score is dropped).
    """
    # Lock the round: a close running at the same time waits, and we then see it closed.
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.accepts_answers:
        raise ValidationError(_("Die Priorisierungsrunde nimmt keine Antworten mehr an."))
    if user.pk not in review_member_ids(round_):
        raise ValidationError(_("Sie sind kein Mitglied dieses Gremiums."))
    item_ids = set(round_.items.values_list("pk", flat=True))
    if set(answers) != item_ids:
        raise ValidationError(
            _("Bitte bewerten Sie jeden Gegenstand oder erklären Sie einen Interessenkonflikt.")
        )
    for item_id, answer in answers.items():
        conflict = bool(answer.get("conflict"))
        score = None if conflict else answer.get("score")
        if not conflict and score not in (1, 2, 3, 4, 5):
            raise ValidationError(_("Bitte bewerten Sie jeden Gegenstand mit 1 bis 5."))
        response = ReviewResponse.objects.filter(item_id=item_id, user=user).first()
        response = response or ReviewResponse(item_id=item_id, user=user)
        response.score = score
        response.conflict_of_interest = conflict
        response.comment = (answer.get("comment") or "").strip()
        response.full_clean()
        response.save()
    return len(answers)


def _quantize(value: float, places: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@transaction.atomic
def review_round_close(*, round_: ReviewRound, closed_by=None) -> ReviewRound:
    """Close the round, aggregate per item and write the mean into each need's priority."""
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("Die Priorisierungsrunde ist bereits abgeschlossen."))
    for item in round_.items.select_related("need"):
        responses = list(item.responses.all())
        scores = [r.score for r in responses if not r.conflict_of_interest]
        item.score_count = len(scores)
        item.conflict_count = sum(1 for r in responses if r.conflict_of_interest)
        if scores:
            item.mean = _quantize(statistics.fmean(scores), "0.01")
            item.median = _quantize(statistics.median(scores), "0.1")
            item.spread = _quantize(statistics.pstdev(scores), "0.01")
        item.save()
        if scores and item.need_id:
            need = Need.objects.get(pk=item.need_id)
            need.priority = item.mean
            need.full_clean()
            save_versioned(
                need,
                expected_version=need.version,
                change_reason=_("Priorität aus der Priorisierungsrunde „%(round)s“")
                % {"round": round_.title},
            )
    round_.status = ReviewRound.Status.CLOSED
    round_.closed_at = timezone.now()
    return save_versioned(
        round_, expected_version=round_.version, change_reason=_("Runde abgeschlossen")
    )


def review_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind members who have not answered, once per round, within 48 h of the deadline.

    Run hourly (Celery beat `governance-review-reminders`, or cron calling
    `manage.py send_review_reminders`). Each round is claimed with a conditional UPDATE, so
    two schedulers running at the same time never send the reminder twice.
    """
    now = now or timezone.now()
    due = ReviewRound.objects.filter(
        status=ReviewRound.Status.OPEN,
        reminder_sent_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + datetime.timedelta(hours=48),
    )
    sent = 0
    for round_ in due.select_related("body"):
        claimed = ReviewRound.objects.filter(pk=round_.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        answered = set(
            ReviewResponse.objects.filter(item__round=round_).values_list("user_id", flat=True)
        )
        missing = review_member_ids(round_) - answered
        url = f"{settings.SITE_URL}{round_.get_absolute_url()}"
        for email in (
            get_user_model()
            .objects.filter(pk__in=missing, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        ):
            send_templated_mail(
                "governance/emails/review_reminder",
                to=[email],
                context={"round": round_, "url": url},
            )
            sent += 1
    return sent


# --- forum events -----------------------------------------------------------------------------


@transaction.atomic
def event_save(*, event: ForumEvent, expected_version: int | None = None) -> ForumEvent:
    event.full_clean()
    if event.pk is None:
        event.save()
        return event
    return save_versioned(event, expected_version=expected_version)


@transaction.atomic
def event_cancel(*, event: ForumEvent, reason: str, expected_version: int) -> int:
    """Cancel an event: registration closes and everyone registered is told by e-mail.

    The event and its registrations are kept (participant counts, retention still apply).
    Returns the number of people notified (confirmed and waiting list).
    """
    if event.is_cancelled:
        raise ValidationError(_("Die Veranstaltung ist bereits abgesagt."))
    if event.ends_at < timezone.now():
        raise ValidationError(_("Eine vergangene Veranstaltung kann nicht abgesagt werden."))
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund für die Absage an.")})
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason.strip()
    event.registration_open = False
    save_versioned(
        event, expected_version=expected_version, change_reason=_("Veranstaltung abgesagt")
    )
    registrations = list(
        event.registrations.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
        ).exclude(email="")
    )
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"

    def send():
        for registration in registrations:
            send_templated_mail(
                "governance/emails/event_cancelled",
                to=[registration.email],
                context={"registration": registration, "event": event, "url": url},
            )

    transaction.on_commit(send)
    return len(registrations)


# Unconfirmed registrations hold no place and are deleted after this time.
REGISTRATION_CONFIRM_HOURS = 48
REGISTRATION_RESEND_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def registration_create(
    *, event: ForumEvent, name: str, email: str, privacy_consent: bool, organisation: str = ""
) -> Registration:
    """Record a registration and e-mail the link that confirms it (double opt-in).

    Nothing is reserved yet: only the owner of the address can confirm, so nobody can fill an
    event or sign up someone else. Registering again before confirming sends the link again.
    """
    event = ForumEvent.objects.select_for_update().get(pk=event.pk)
    _check_registration_open(event)
    if not privacy_consent:
        raise ValidationError(
            {"privacy_consent": _("Bitte stimmen Sie der Datenschutzerklärung zu.")}
        )
    email = email.strip().lower()
    existing = (
        event.registrations.filter(email__iexact=email)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if existing is not None and existing.status != Registration.Status.PENDING:
        raise ValidationError(
            {"email": _("Mit dieser E-Mail-Adresse sind Sie bereits angemeldet.")}
        )
    now = timezone.now()
    if (
        existing is not None
        and existing.confirmation_sent_at
        and (existing.confirmation_sent_at > now - REGISTRATION_RESEND_AFTER)
    ):
        # One address gets at most one link per few minutes, whoever asks (no mail bombing).
        raise ValidationError(
            {
                "email": _(
                    "Wir haben an diese Adresse vor wenigen Minuten einen Bestätigungslink "
                    "geschickt. Bitte sehen Sie in Ihrem Postfach (auch im Spam-Ordner) nach."
                )
            }
        )
    registration = existing or Registration(event=event, status=Registration.Status.PENDING)
    registration.name = name.strip()
    registration.organisation = organisation.strip()
    registration.email = email
    registration.privacy_consent = True
    # Every mail carries a fresh link with the full validity; an older link stops working.
    registration.confirmation_token = secrets.token_urlsafe(32)
    registration.confirmation_sent_at = now
    registration.full_clean()
    registration.save()
    url = settings.SITE_URL + reverse(
        "governance:registration_confirm",
        kwargs={"slug": event.slug, "token": registration.confirmation_token},
    )
    transaction.on_commit(
        lambda: send_templated_mail(
            "governance/emails/registration_confirm",
            to=[registration.email],
            context={
                "registration": registration,
                "event": event,
                "url": url,
                "hours": REGISTRATION_CONFIRM_HOURS,
            },
        )
    )
    return registration


def _check_registration_open(event: ForumEvent) -> None:
    if event.is_cancelled or not event.registration_open or event.ends_at < timezone.now():
        raise ValidationError(_("Für diese Veranstaltung ist keine Anmeldung mehr möglich."))


def registration_pending(*, event: ForumEvent, token: str) -> Registration | None:
    """The registration a confirmation link belongs to, unless it is unknown or expired."""
    if not token:
        return None
    registration = event.registrations.filter(confirmation_token=token).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return None
    sent = registration.confirmation_sent_at or registration.created_at
    expired = sent + datetime.timedelta(hours=REGISTRATION_CONFIRM_HOURS)
    if registration.status == Registration.Status.PENDING and expired < timezone.now():
        return None
    return registration


@transaction.atomic
def registration_confirm(*, event: ForumEvent, token: str) -> Registration:
    """Confirm the e-mail address: the registration takes a place or joins the waiting list.

    Idempotent: confirming twice keeps the first result (and sends no second e-mail).
    """
    # Lock the event row so that two confirmations for the last place cannot both get it.
    event = ForumEvent.objects.select_for_update().get(pk=event.pk)
    registration = registration_pending(event=event, token=token)
    if registration is None:
        raise ValidationError(
            _(
                "Dieser Bestätigungslink ist ungültig oder abgelaufen. Bitte melden Sie sich "
                "erneut an."
            )
        )
    if registration.status != Registration.Status.PENDING:
        return registration
    _check_registration_open(event)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    registration.status = (
        Registration.Status.CONFIRMED if confirmed < event.capacity else Registration.Status.WAITING
    )
    registration.email_confirmed_at = timezone.now()
    registration.save(update_fields=["status", "email_confirmed_at", "updated_at"])
    transaction.on_commit(
        lambda: send_templated_mail(
            "governance/emails/registration",
            to=[registration.email],
            context={
                "registration": registration,
                "event": event,
                "url": f"{settings.SITE_URL}{event.get_absolute_url()}",
            },
        )
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person on the waiting list.

    Returns the promoted registration (who is told by e-mail), if any.
    """
    event = ForumEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("Die Anmeldung ist bereits storniert."))
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if confirmed >= event.capacity:
        return None
    # First come, first served counts from the confirmation, not from the first click.
    promoted = (
        event.registrations.filter(status=Registration.Status.WAITING)
        .order_by("email_confirmed_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Registration.Status.CONFIRMED
    promoted.save(update_fields=["status", "updated_at"])
    if promoted.email:
        transaction.on_commit(
            lambda: send_templated_mail(
                "governance/emails/registration",
                to=[promoted.email],
                context={
                    "registration": promoted,
                    "event": event,
                    "url": f"{settings.SITE_URL}{event.get_absolute_url()}",
                },
            )
        )
    return promoted


def registrations_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the personal data of registrations once the event's retention period is over.

    The rows stay (anonymised, with their status) so participant counts remain for monitoring.
    Registrations whose e-mail address was never confirmed are deleted completely once their
    link has expired: they were never more than an unconfirmed request.
    """
    now = now or timezone.now()
    expired = now - datetime.timedelta(hours=REGISTRATION_CONFIRM_HOURS)
    purged, _deleted = Registration.objects.filter(
        status=Registration.Status.PENDING, confirmation_sent_at__lt=expired
    ).delete()
    events = ForumEvent.objects.filter(personal_data_deleted_at__isnull=True)
    for event in events:
        if event.ends_at + datetime.timedelta(days=event.retention_days) > now:
            continue
        with transaction.atomic():
            purged += event.registrations.filter(anonymised_at__isnull=True).update(
                name=_("gelöscht"), organisation="", email="", anonymised_at=now
            )
            event.personal_data_deleted_at = now
            save_versioned(
                event,
                expected_version=event.version,
                change_reason=_("personenbezogene Daten der Anmeldungen gelöscht"),
            )
    return purged
