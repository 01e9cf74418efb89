"""Forum events and their registrations (double opt-in, waiting list, purge)."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ris_portal.concurrency import save_versioned
from ris_portal.emails import send_templated_mail

from ..calendar import forum_event_ics
from ..models import (
    ForumEvent,
    Registration,
)


def _mail_registrant(
    name: str, registration: Registration, *, url: str, attachments=(), **context
) -> None:
    """One of the forum e-mails (`governance/emails/<name>`) to a registered person."""
    send_templated_mail(
        f"governance/emails/{name}",
        to=[registration.email],
        context={"registration": registration, "event": registration.event, "url": url, **context},
        attachments=attachments,
    )


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
            _mail_registrant("event_cancelled", registration, url=url)

    send()  # queued in the outbox with this transaction (ris_portal.emails)
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
    _mail_registrant(
        "registration_confirm", registration, url=url, hours=REGISTRATION_CONFIRM_HOURS
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
    _mail_registration(registration, event)
    return registration


def _mail_registration(registration: Registration, event: ForumEvent) -> None:
    """The confirmation (or waiting-list notice): with the event as calendar file and the
    participant's own link to cancel (a page with a button, like the confirmation)."""
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    cancel_url = settings.SITE_URL + reverse(
        "governance:registration_self_cancel",
        kwargs={"slug": event.slug, "token": registration.confirmation_token},
    )
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        attachments.append(
            ("veranstaltung.ics", forum_event_ics(event, url=url), "text/calendar; method=PUBLISH")
        )
    _mail_registrant(
        "registration",
        registration,
        url=url,
        cancel_url=cancel_url if registration.confirmation_token else "",
        attachments=attachments,
    )


@transaction.atomic
def registration_cancel(
    *, registration: Registration, by_participant: bool = False
) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person on the waiting list.

    Everyone affected hears of it by e-mail: the person whose registration was cancelled (by
    staff, or as confirmation of their own cancellation) and the person who moves up.
    Returns the promoted registration, if any.
    """
    event = ForumEvent.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("Die Anmeldung ist bereits storniert."))
    if event.ends_at < timezone.now():
        raise ValidationError(_("Die Veranstaltung ist vorbei; Abmelden ist nicht mehr möglich."))
    was_pending = registration.status == Registration.Status.PENDING
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_by_participant = by_participant
    registration.save(update_fields=["status", "cancelled_by_participant", "updated_at"])
    if registration.email and not was_pending and not event.is_cancelled:
        _mail_registrant(
            "registration_cancelled",
            registration,
            url=f"{settings.SITE_URL}{event.get_absolute_url()}",
            by_participant=by_participant,
        )
    if event.is_cancelled:
        return None
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
        _mail_registration(promoted, event)
    return promoted


def registration_for_cancel_link(*, event: ForumEvent, token: str) -> Registration | None:
    """The confirmed or waiting registration a cancel link (from the confirmation) names."""
    if not token or len(token) < 20:
        return None
    return (
        event.registrations.filter(confirmation_token=token)
        .filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING])
        .first()
    )


@transaction.atomic
def event_attendance_record(*, event: ForumEvent, attended_ids) -> int:
    """After the event, staff tick who came; the monitoring counts these from then on.

    Confirmed registrations not ticked are recorded as absent. Returns the number present.
    """
    event = ForumEvent.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError(_("Die Veranstaltung ist abgesagt."))
    if event.starts_at > timezone.now():
        raise ValidationError(
            _("Die Anwesenheit kann erst ab dem Beginn der Veranstaltung erfasst werden.")
        )
    attended_ids = {int(pk) for pk in attended_ids}
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    present = confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)
    event.attendance_recorded_at = timezone.now()
    save_versioned(event, expected_version=event.version, change_reason=_("Anwesenheit erfasst"))
    return present


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
