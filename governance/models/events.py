"""Forum events and their registrations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel, VersionedModel

from .bodies import Body


class ForumEvent(VersionedModel):
    """Public event of a forum with registration, capacity and waiting list."""

    # What the announcement of an event states, wherever it is edited (the staff form) and
    # published (the API): one list, so that a new detail of the announcement reaches both.
    ANNOUNCEMENT_FIELDS = ["title", "description", "starts_at", "ends_at", "location", "capacity"]

    body = modelfields.optional_fk(Body, "events", _("Forum"))
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    title = modelfields.title_field()
    description = modelfields.markdown_field()
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=250)
    capacity = models.PositiveIntegerField(_("Plätze"))
    registration_open = models.BooleanField(_("Anmeldung geöffnet"), default=True)
    retention_days = models.PositiveIntegerField(
        _("Aufbewahrung der Anmeldedaten (Tage nach der Veranstaltung)"), default=180
    )
    personal_data_deleted_at = modelfields.optional_datetime(
        _("personenbezogene Daten gelöscht am")
    )
    # A cancelled event stays listed (marked "abgesagt"); its registrations are kept.
    cancelled_at = modelfields.optional_datetime(_("abgesagt am"))
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True)
    # Set when staff ticked who came; from then on the monitoring counts the attendees.
    attendance_recorded_at = modelfields.optional_datetime(_("Anwesenheit erfasst am"))

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Forumsveranstaltung")
        verbose_name_plural = _("Forumsveranstaltungen")
        constraints = [modelfields.ends_after_start("event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:event_public", kwargs={"slug": self.slug})


class Registration(TimeStampedModel):
    """A registration for a forum event, confirmed by its e-mail address (double opt-in).

    A new registration is pending and holds no place until the link in the e-mail is used;
    pending registrations that are never confirmed are deleted (`registrations_purge`).
    """

    class Status(models.TextChoices):
        PENDING = "unbestaetigt", _("E-Mail-Bestätigung ausstehend")
        CONFIRMED = "bestaetigt", _("bestätigt")
        WAITING = "warteliste", _("Warteliste")
        CANCELLED = "storniert", _("storniert")

    event = models.ForeignKey(ForumEvent, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=250, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    privacy_consent = models.BooleanField(_("Einwilligung Datenschutz"), default=False)
    status = modelfields.status_field(Status)
    confirmation_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_confirmed_at = modelfields.optional_datetime(_("E-Mail-Adresse bestätigt am"))
    anonymised_at = modelfields.optional_datetime(_("anonymisiert am"))
    cancelled_by_participant = models.BooleanField(_("selbst abgemeldet"), default=False)
    # Ticked by staff after the event (None: not recorded).
    attended = models.BooleanField(_("teilgenommen"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")

    def __str__(self) -> str:
        return self.name
