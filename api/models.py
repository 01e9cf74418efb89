"""API tokens: only a hash is stored; the token itself is shown once, when it is created."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ris_portal.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """A token acts for its user (read by the user's roles) within its scopes."""

    class Scope(models.TextChoices):
        # Without "read" a token reads what everybody may read (public data, higher rate limit).
        READ = "read", _("Lesen mit den Rechten der Rolle")
        WRITE_VALUES = "indicator_values:write", _("Indikatorwerte liefern")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("Person"),
    )
    name = models.CharField(
        _("Bezeichnung"), max_length=120, help_text=_("z. B. „Auswertung Referat 41“")
    )
    # The first characters of the token, to recognise it in lists and logs (not secret).
    prefix = models.CharField(_("Kennung"), max_length=16, db_index=True)
    # SHA-256 of the whole token: tokens are 256 random bits, so no salt or slow hash is needed.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Berechtigungen"), default=list, blank=True)
    expires_at = models.DateTimeField(_("gültig bis"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("widerrufen von"),
    )

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
