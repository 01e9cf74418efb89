"""Writes of the API app: issuing and revoking tokens, and the indicator-value upsert.

The upsert is a thin adapter: it finds the value by its natural key and hands it to
`monitoring.services.indicator_value_save`, the service behind the value form and beside the
import (year locks, "a final value needs a reason", model validation, the plausibility rules
of `monitoring.validation`).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import SpecializationField
from monitoring import services as monitoring_services
from monitoring.models import Indicator, IndicatorValue, QualityConfirmation
from ris_portal.roles import roles_for

from .models import ApiToken

TOKEN_PREFIX = "ris_"
# last_used_at is written at most this often per token (not on every request).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(
    *,
    user,
    name: str,
    scopes: list[str],
    created_by,
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token; returns the row and the token itself (shown once, never stored)."""
    roles = roles_for(user)
    if not roles.can_hold_api_token:
        raise ValidationError(
            {
                "user": _(
                    "API-Zugänge erhalten nur Personen der Geschäftsstelle, des Ministeriums "
                    "und des Statistischen Landesamts."
                )
            }
        )
    unknown = set(scopes) - set(ApiToken.Scope.values)
    if unknown:
        raise ValidationError({"scopes": _("Unbekannte Berechtigung.")})
    if ApiToken.Scope.WRITE_VALUES in scopes and not roles.can_write_indicator_values:
        raise ValidationError(
            {
                "scopes": _(
                    "Indikatorwerte liefern dürfen nur die Geschäftsstelle und das Statistische "
                    "Landesamt."
                )
            }
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Das Ablaufdatum muss in der Zukunft liegen.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(raw),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        created_by=created_by,
    )
    token.full_clean()
    token.save()
    return token, raw


def token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Revoke at once (idempotent: a revoked token keeps its first revocation)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user
    )
    token.refresh_from_db()
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token for `raw` (with its user), or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or token.is_expired or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


# --- indicator values -------------------------------------------------------------------------
@dataclass
class UpsertResult:
    value: IndicatorValue
    action: str  # "created", "changed" or "unchanged"


def indicator_value_upsert(
    *,
    indicator_code: str,
    field_code: str | None,
    year: int,
    value: Decimal,
    status: str,
    source_note: str = "",
    reason: str = "",
    quality_reason: str = "",
    user=None,
) -> UpsertResult:
    """Create or change the value of (indicator, field, year); the same call twice is a no-op.

    Raises `ValidationError` (German messages) for unknown codes, locked years, a final value
    changed without a reason, plausibility warnings without `quality_reason` (the confirmation
    is stored with the value, source "API") and every other check of `indicator_value_save`.
    """
    save = functools.partial(
        monitoring_services.indicator_value_save,
        reason=reason,
        quality_reason=quality_reason,
        user=user,
        source=QualityConfirmation.Source.API,
    )
    indicator = Indicator.objects.live().filter(code=indicator_code).first()
    if indicator is None:
        raise ValidationError(
            {"indicator": _("Unbekannter Indikatorcode „%(code)s“.") % {"code": indicator_code}}
        )
    field = None
    if field_code:
        field = SpecializationField.objects.filter(code=field_code).first()
        if field is None:
            raise ValidationError(
                {"field": _("Unbekannter Feldcode „%(code)s“.") % {"code": field_code}}
            )
    with transaction.atomic():
        existing = (
            IndicatorValue.objects.select_for_update()
            .live()
            .filter(indicator=indicator, field=field, year=year)
            # By pk: the model's ordering joins the nullable field, and PostgreSQL refuses
            # FOR UPDATE on the nullable side of an outer join.
            .order_by("pk")
            .first()
        )
        # What the call sets; the row is found by (indicator, field, year).
        values = {"value": value, "status": status, "source_note": source_note}
        if existing is None:
            new = IndicatorValue(indicator=indicator, field=field, year=year, **values)
            return UpsertResult(save(value=new), "created")
        if all(getattr(existing, name) == wanted for name, wanted in values.items()):
            return UpsertResult(existing, "unchanged")
        version = existing.version
        for name, wanted in values.items():
            setattr(existing, name, wanted)
        return UpsertResult(save(value=existing, expected_version=version), "changed")
