"""Writes of the personal area: notification settings and the personal calendar feed."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from .models import Kind, NotificationSettings


@transaction.atomic
def notification_settings_update(
    *, user, delivery: str, email_kinds: list[str]
) -> NotificationSettings:
    prefs, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    prefs.delivery = delivery
    prefs.muted_kinds = sorted(set(Kind.values) - set(email_kinds))
    prefs.full_clean()
    prefs.save(update_fields=["delivery", "muted_kinds"])
    return prefs


@transaction.atomic
def calendar_token_renew(*, user) -> NotificationSettings:
    """Create the secret feed address, or replace it: the old address stops working at once."""
    prefs, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    prefs.calendar_token = secrets.token_urlsafe(32)
    prefs.calendar_token_created_at = timezone.now()
    prefs.save(update_fields=["calendar_token", "calendar_token_created_at"])
    return prefs


@transaction.atomic
def calendar_token_revoke(*, user) -> NotificationSettings:
    prefs, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    prefs.calendar_token = ""
    prefs.calendar_token_created_at = None
    prefs.save(update_fields=["calendar_token", "calendar_token_created_at"])
    return prefs
