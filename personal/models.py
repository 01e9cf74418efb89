"""The personal area: notifications, their delivery settings, follows and the calendar feed.

A notification is written in the same transaction as the change it reports (see
`personal.notifications`), so it exists exactly when that change was committed; its e-mail goes
through the durable outbox (`ris_portal.emails`), immediately or in the daily digest.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields


class Kind(models.TextChoices):
    """Every kind of notification; each can be unsubscribed from separately (e-mail)."""

    ROUND_OPENED = "runde_neu", _("Neue Priorisierungsrunde")
    ROUND_REMINDER = "runde_erinnerung", _("Erinnerung an eine Frist")
    ROUND_CLOSED = "runde_abgeschlossen", _("Priorisierungsrunde abgeschlossen")
    COMMENT = "kommentar", _("Kommentar zu etwas, dem Sie folgen")
    SUBMITTED = "eingereicht", _("Vorlage beim Lenkungskreis eingereicht")
    DECISION = "beschluss", _("Beschluss gefasst")
    REPORT = "bericht", _("Bericht fertig oder veröffentlicht")
    MEETING = "sitzung", _("Sitzungseinladung oder -änderung")


class Notification(models.Model):
    """One message for one person, shown in the portal and e-mailed as the person chose."""

    user = modelfields.user_fk(on_delete=models.CASCADE, related_name="notifications")
    kind = modelfields.choice_field(_("Art"), Kind, max_length=30)
    title = models.CharField(_("Betreff"), max_length=300)
    text = models.TextField(_("Text"), blank=True)
    # A path inside the portal (no host), checked against the recipient's access when written.
    url = models.CharField(_("Adresse"), max_length=500, blank=True)
    actor = modelfields.user_fk(_("ausgelöst von"), optional=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True, db_index=True)
    read_at = modelfields.optional_datetime(_("gelesen am"))
    # Set when the e-mail (single or digest) was queued in the outbox; None while it waits for
    # the digest, and for kinds the person unsubscribed from (then `email_skipped` is True).
    emailed_at = modelfields.optional_datetime(_("per E-Mail versandt am"))
    email_skipped = models.BooleanField(_("keine E-Mail"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["emailed_at", "email_skipped"], name="notification_digest_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationSettings(models.Model):
    """A person's choices: e-mail at once or as a daily digest, kinds not to e-mail, feed."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "sofort", _("sofort, eine E-Mail je Benachrichtigung")
        DIGEST = "taeglich", _("einmal täglich als Zusammenfassung")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    delivery = modelfields.choice_field(_("E-Mail-Versand"), Delivery, default=Delivery.IMMEDIATE)
    # Kinds (values of `Kind`) that are shown in the portal only, never e-mailed.
    muted_kinds = models.JSONField(_("abbestellte Arten"), default=list, blank=True)
    last_digest_on = modelfields.optional_date(_("letzte Zusammenfassung am"))
    # The secret of the personal calendar feed; empty means no feed. A new one revokes the old.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")

    def __str__(self) -> str:
        return str(self.user)

    def emails_kind(self, kind: str) -> bool:
        return kind not in (self.muted_kinds or [])


class Follow(models.Model):
    """Someone follows an object (e.g. a roadmap) and is told about comments on it."""

    user = modelfields.user_fk(on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"
