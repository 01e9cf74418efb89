"""API tokens: only a hash is stored; the token itself is shown once, when it is created."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A token acts for its user (read by the user's roles) within its scopes."""

    class Scope(models.TextChoices):
        # Without "read" a token reads what everybody may read (public data, higher rate limit).
        READ = "read", _("Lesen mit den Rechten der Rolle")
        WRITE_VALUES = "indicator_values:write", _("Indikatorwerte liefern")

    user = modelfields.user_fk(_("Person"), related_name="api_tokens")
    name = models.CharField(
        _("Bezeichnung"), max_length=120, help_text=_("z. B. „Auswertung Referat 41“")
    )
    # The first characters of the token, to recognise it in lists and logs (not secret).
    prefix = models.CharField(_("Kennung"), max_length=16, db_index=True)
    # SHA-256 of the whole token: tokens are 256 random bits, so no salt or slow hash is needed.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Berechtigungen"), default=list, blank=True)
    expires_at = modelfields.optional_datetime(_("gültig bis"))
    created_by = modelfields.user_fk(_("angelegt von"))
    last_used_at = modelfields.optional_datetime(_("zuletzt benutzt"))
    revoked_at = modelfields.optional_datetime(_("widerrufen am"))
    revoked_by = modelfields.user_fk(_("widerrufen von"), optional=True)

    class Meta:
        ordering = ["revoked_at", "-created_at", "-id"]
        verbose_name = _("API-Zugang")
        verbose_name_plural = _("API-Zugänge")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def scope_labels(self) -> list[str]:
        labels = dict(self.Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes or []]
