"""Notifications: who is told what, in the portal and by e-mail (at once or as a daily digest).

`notify()` is called by the services of the other apps *inside their transaction*: the rows and
the e-mails (queued in the durable outbox of `ris_portal.emails`) exist exactly when the change
they report was committed. The person who caused the change is never notified about it.

The daily digest is sent by `digests_send()`, run hourly by Celery beat: it picks up every
notification that still waits for its e-mail, so a digest missed because no worker ran goes out
with the next run (one digest per person and day: `dedupe_key`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from ris_portal.emails import send_templated_mail

from .models import Kind, Notification, NotificationSettings

UNSUBSCRIBE_SALT = "personal.unsubscribe"
# Invitations and changes of meetings carry the calendar entry: always e-mailed at once.
ALWAYS_IMMEDIATE = {Kind.MEETING}


def settings_for(user) -> NotificationSettings:
    """The person's settings; defaults (immediate e-mail, nothing muted) until they change them."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def unsubscribe_token(*, user_id: int, kind: str | Sequence[str]) -> str:
    """The signed proof in an unsubscribe link: who, and which kind(s) of e-mail to stop.

    One kind is stored as a string (as in every link sent before digests named several), a
    digest's several kinds as a list.
    """
    kinds = [kind] if isinstance(kind, str) else sorted(set(kind))
    stored: str | list[str] = kinds[0] if len(kinds) == 1 else kinds
    return signing.dumps({"u": user_id, "k": stored}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, list[str]] | None:
    """(user id, kinds) of a signed unsubscribe link, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    kinds = [data.get("k")] if isinstance(data.get("k"), str) else data.get("k")
    if not isinstance(kinds, list) or not kinds or any(k not in Kind.values for k in kinds):
        return None
    return int(data["u"]), kinds


def unsubscribe_url(*, user_id: int, kind: str | Sequence[str]) -> str:
    token = unsubscribe_token(user_id=user_id, kind=kind)
    return settings.SITE_URL + reverse("personal:unsubscribe", kwargs={"token": token})


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The header lines of a notification mail for one-click unsubscribe (RFC 8058).

    Mail programs show an "unsubscribe" button for `List-Unsubscribe`; with
    `List-Unsubscribe-Post` they POST `List-Unsubscribe=One-Click` to the (absolute, signed)
    URL without opening it, which `personal.views.unsubscribe` accepts without login or CSRF
    token.
    """
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def kind_mute(*, user, kind: str, muted: bool = True) -> NotificationSettings:
    """Stop (or resume) e-mails of one kind; the notifications still appear in the portal."""
    prefs, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    kinds = set(prefs.muted_kinds or [])
    kinds = kinds | {kind} if muted else kinds - {kind}
    prefs.muted_kinds = sorted(kinds)
    prefs.save(update_fields=["muted_kinds"])
    return prefs


def _recipient_users(users: Iterable, actor) -> list:
    ids = {getattr(user, "pk", user) for user in users if user is not None}
    if actor is not None:
        ids.discard(actor.pk)
    if not ids:
        return []
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def notify(
    *,
    kind: str,
    users: Iterable,
    title,
    text="",
    params: dict | None = None,
    url: str = "",
    actor=None,
    mailer=None,
) -> list[Notification]:
    """Notify `users` (users or ids) of something `actor` did; never `actor` themselves.

    Call inside the transaction of the change. `title` and `text` are (lazy) translatable
    strings with `%(name)s` placeholders filled from `params`; they are stored in the portal's
    language, whatever language the triggering request used. `url` is a path inside the portal
    that every recipient may open.

    `mailer(notification, user)` replaces the standard e-mail (e.g. a meeting invitation with
    its calendar file and answer links); kinds in `ALWAYS_IMMEDIATE` are never held back for
    the digest, because their e-mail carries something a summary cannot (the calendar entry).
    """
    recipients = _recipient_users(users, actor)
    if not recipients:
        return []
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind: {kind}")
    with translation.override(settings.LANGUAGE_CODE):
        title = str(title) % (params or {})
        text = str(text) % (params or {}) if text else ""
    prefs = {
        p.user_id: p
        for p in NotificationSettings.objects.filter(user__in=[u.pk for u in recipients])
    }
    now = timezone.now()
    rows = []
    for user in recipients:
        pref = prefs.get(user.pk) or NotificationSettings(user=user)
        rows.append(
            Notification(
                user=user,
                kind=kind,
                title=title[:300],
                text=text,
                url=url,
                actor=actor,
                email_skipped=not user.email or not pref.emails_kind(kind),
            )
        )
    created = Notification.objects.bulk_create(rows)
    for notification, user in zip(created, recipients, strict=True):
        stored = prefs.get(user.pk)
        digest = stored is not None and stored.delivery == NotificationSettings.Delivery.DIGEST
        if notification.email_skipped or (digest and kind not in ALWAYS_IMMEDIATE):
            continue
        (mailer or _mail_single)(notification, user)
        notification.emailed_at = now
    Notification.objects.filter(pk__in=[n.pk for n in created if n.emailed_at is not None]).update(
        emailed_at=now
    )
    return created


def _mail_single(notification: Notification, user) -> None:
    unsubscribe = unsubscribe_url(user_id=user.pk, kind=notification.kind)
    send_templated_mail(
        "personal/emails/notification",
        to=[user.email],
        context={
            "notification": notification,
            "user": user,
            "url": settings.SITE_URL + notification.url if notification.url else "",
            "kind_label": Kind(notification.kind).label,
            "unsubscribe_url": unsubscribe,
            "settings_url": settings.SITE_URL + reverse("personal:settings"),
        },
        dedupe_key=f"notification:{notification.pk}",
        headers=unsubscribe_headers(unsubscribe),
    )


def _digest_due(pref: NotificationSettings | None, now: datetime.datetime) -> bool:
    if pref is None or pref.delivery != NotificationSettings.Delivery.DIGEST:
        return True  # e.g. switched to immediate while notifications waited for the digest
    local = timezone.localtime(now)
    if pref.last_digest_on is not None and pref.last_digest_on >= local.date():
        return False
    return local.hour >= settings.NOTIFICATION_DIGEST_HOUR


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Queue one summary e-mail per person whose notifications wait for the daily digest.

    Run hourly (beat `personal-digests`; cron: `7 * * * * manage.py send_digests`). Each person
    is handled in a transaction of their own, with their settings row locked, so two runs at
    the same time send one digest; a run that dies leaves the notifications waiting for the next.
    """
    now = now or timezone.now()
    user_ids = (
        Notification.objects.filter(emailed_at__isnull=True, email_skipped=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in sorted(set(user_ids)):
        with transaction.atomic():
            pref, _created = NotificationSettings.objects.select_for_update().get_or_create(
                user_id=user_id
            )
            if not _digest_due(pref, now):
                continue
            if _digest_one(pref, now):
                sent += 1
    return sent


def _digest_one(pref: NotificationSettings, now: datetime.datetime) -> bool:
    user = pref.user
    pending = list(
        Notification.objects.filter(
            user=user, emailed_at__isnull=True, email_skipped=False, created_at__lte=now
        ).order_by("created_at", "id")
    )
    muted = [n.pk for n in pending if not pref.emails_kind(n.kind)]
    if muted or not user.email or not user.is_active:
        skip = [n.pk for n in pending] if not user.email or not user.is_active else muted
        Notification.objects.filter(pk__in=skip).update(email_skipped=True)
        pending = [n for n in pending if n.pk not in skip]
    local_day = timezone.localtime(now).date()
    if pref.delivery == NotificationSettings.Delivery.DIGEST:
        pref.last_digest_on = local_day
        pref.save(update_fields=["last_digest_on"])
    if not pending:
        return False
    kinds = sorted({n.kind for n in pending})
    unsubscribe = [(Kind(k).label, unsubscribe_url(user_id=user.pk, kind=k)) for k in kinds]
    # The text links each kind; the mail program's one-click button stops all kinds that this
    # digest reports (one signed link for them), which is what the reader saw and rejected.
    headers = unsubscribe_headers(
        unsubscribe[0][1] if len(kinds) == 1 else unsubscribe_url(user_id=user.pk, kind=kinds)
    )
    send_templated_mail(
        "personal/emails/digest",
        to=[user.email],
        context={
            "user": user,
            "notifications": pending,
            "site_url": settings.SITE_URL,
            "day": local_day,
            "unsubscribe": unsubscribe,
            "settings_url": settings.SITE_URL + reverse("personal:settings"),
        },
        dedupe_key=f"digest:{user.pk}:{local_day.isoformat()}:{pending[-1].pk}",
        headers=headers,
    )
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    return True


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the given (or all) unread notifications of `user` as read."""
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return queryset.update(read_at=timezone.now())


# --- who is told: recipients by role ---------------------------------------------------------


def staff_user_ids() -> set[int]:
    from ris_portal.roles import GROUP_STAFF

    users = get_user_model().objects.filter(is_active=True)
    return set(users.filter(groups__name=GROUP_STAFF).values_list("pk", flat=True)) | set(
        users.filter(is_superuser=True).values_list("pk", flat=True)
    )


def ministry_user_ids() -> set[int]:
    from ris_portal.roles import GROUP_MINISTRY

    return set(
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_MINISTRY)
        .values_list("pk", flat=True)
    )


def body_member_ids(body_id: int) -> set[int]:
    from governance.models import Membership

    return set(
        Membership.objects.active().live().filter(body_id=body_id).values_list("user_id", flat=True)
    )


def steering_member_ids() -> set[int]:
    from governance.models import Body, Membership

    return set(
        Membership.objects.active()
        .live()
        .filter(body__kind=Body.Kind.STEERING)
        .values_list("user_id", flat=True)
    )


def field_board_member_ids(field_id: int | None) -> set[int]:
    from governance.models import Body, Membership

    if field_id is None:
        return set()
    return set(
        Membership.objects.active()
        .live()
        .filter(body__kind=Body.Kind.STRATEGY_BOARD, body__field_id=field_id)
        .values_list("user_id", flat=True)
    )
