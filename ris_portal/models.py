"""Models shared by every app: abstract bases and the accessibility feedback inbox."""

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .jobs import LeasedJob


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class ArchivableQuerySet(models.QuerySet):
    """Rows are archived, never deleted: `live()` is what lists and public pages show."""

    def live(self, *through: str):
        """Rows that are not archived, and whose related rows along `through` are not either.

        `Need.objects.live("theme", "theme__field")` leaves out needs of an archived theme or
        field: an archived parent hides what hangs below it without touching those rows.
        """
        conditions = {"is_archived": False}
        conditions.update({f"{path}__is_archived": False for path in through})
        return self.filter(**conditions)

    def archived(self):
        return self.filter(is_archived=True)


ArchivableManager = models.Manager.from_queryset(ArchivableQuerySet)


def live_q(*paths: str) -> models.Q:
    """The related rows along each of `paths` are not archived; without a path, the row itself.

    For what `.live()` cannot say: `Count("themes", filter=live_q("themes"))`, a constraint's
    `condition=Q(field__isnull=True) & live_q()`, or a multi-valued relation that must meet the
    same related row as another lookup: `filter(live_q("measures"), measures__roadmap=r)` (one
    `filter()` call, one join).
    """
    lookups = [f"{path}__is_archived" for path in paths] or ["is_archived"]
    return models.Q(**dict.fromkeys(lookups, False))


M = TypeVar("M", bound=models.Model)


def create_validated(model: type[M], **values: Any) -> M:
    """A new row of `model` with `values`, saved only once the model's own checks pass
    (`full_clean`: its ValidationError names the fields, and the form pages show it there)."""
    row = model(**values)
    row.full_clean()
    row.save()
    return row


class ArchivableModel(models.Model):
    """A row that is archived instead of deleted (its history stays, it can be restored)."""

    is_archived = models.BooleanField(_("archiviert"), default=False)

    objects = ArchivableManager()

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel, ArchivableModel):
    """A row edited in the browser by several people.

    `version` is compared on save (see `ris_portal.concurrency`) so that the second of two
    concurrent edits is refused instead of silently overwriting the first.
    """

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    # Every versioned row keeps its history (who changed what, restore, the Stichtag reads of
    # the reports); a subclass cannot forget it. Tracked many-to-many fields are named in the
    # subclass's `_history_m2m_fields`.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class FeedbackMessage(TimeStampedModel):
    """Feedback on accessibility barriers (BGG §12b); staff see it in the feedback inbox."""

    name = models.CharField(_("Name"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"))
    handled = models.BooleanField(_("erledigt"), default=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y} – {self.message[:40]}"


class Invitation(TimeStampedModel):
    """An account created by staff for a person; the person sets the password from the e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eingeladen von"),
    )
    sent_count = models.PositiveSmallIntegerField(_("Anzahl Versand"), default=1)
    last_sent_at = models.DateTimeField(_("zuletzt versandt"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")

    def __str__(self) -> str:
        return self.user.email

    @property
    def accepted(self) -> bool:
        return self.user.has_usable_password()


class OutboxMail(TimeStampedModel, LeasedJob):
    """One outgoing e-mail, rendered when it was queued and sent by a background job.

    Written in the same transaction as the change it reports (see `ris_portal.emails`), so a
    mail exists exactly when its change was committed; `ris_portal.jobs` drives the sending.
    """

    class Status(models.TextChoices):
        PENDING = "wartend", _("wartet auf Versand")
        SENDING = "wird_versandt", _("wird versandt")
        SENT = "versandt", _("versandt")
        FAILED = "fehlgeschlagen", _("fehlgeschlagen")

    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    template = models.CharField(_("Vorlage"), max_length=200)
    recipients = models.JSONField(_("Empfänger"), default=list)
    subject = models.CharField(_("Betreff"), max_length=500)
    body_text = models.TextField(_("Text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": …, "content_b64": …, "mimetype": …}]
    attachments = models.JSONField(_("Anhänge"), default=list, blank=True)
    # Extra header lines of the message, e.g. List-Unsubscribe of notification mails.
    headers = models.JSONField(_("Kopfzeilen"), default=dict, blank=True)
    # Optional: a mail with the same key is queued only once (e.g. one reminder per person
    # and round, one integrity alert per file), however often the caller runs.
    dedupe_key = models.CharField(
        _("Schlüssel gegen Doppelversand"), max_length=200, null=True, blank=True, unique=True
    )
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ausgehende E-Mail")
        verbose_name_plural = _("ausgehende E-Mails")
        indexes = [models.Index(fields=["status", "enqueued_at"], name="outbox_status_idx")]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.recipients)}"
