"""Governance bodies and memberships. Roles in `ris_portal.roles` are derived from these."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal.models import TimeStampedModel, VersionedModel


class Body(VersionedModel):
    """Gremium: a strategy board per field, a forum, the steering committee, …"""

    class Kind(models.TextChoices):
        STRATEGY_BOARD = "strategiebeirat", _("Strategiebeirat")
        FORUM = "forum", _("Forum")
        STEERING = "lenkungskreis", _("Lenkungskreis RIS Thüringen")
        MONITORING_COMMITTEE = "begleitausschuss", _("EFRE/ESF+-Begleitausschuss")

    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    name = models.CharField(_("Name"), max_length=250)
    field = models.ForeignKey(
        "fields.SpecializationField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("Spezialisierungsfeld"),
    )
    description = models.TextField(_("Beschreibung (Markdown)"), blank=True)
    current_term = models.CharField(
        _("laufende Amtszeit"), max_length=20, blank=True, help_text=_("z. B. 2025–2028")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "field__order", "name"]
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        constraints = [
            # One strategy board per field.
            models.UniqueConstraint(
                fields=["field"],
                condition=Q(kind="strategiebeirat"),
                name="one_strategy_board_per_field",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(VersionedModel):
    class Sector(models.TextChoices):
        BUSINESS = "wirtschaft", _("Wirtschaft")
        SCIENCE = "wissenschaft", _("Wissenschaft")
        INTERMEDIARY = "intermediaer", _("Intermediär")
        ADMINISTRATION = "verwaltung", _("Verwaltung")

    class Role(models.TextChoices):
        SPEAKER = "sprecher", _("Sprecher/in")
        DEPUTY = "stellvertretung", _("Stellvertretung")
        MEMBER = "mitglied", _("Mitglied")
        GUEST = "gast", _("Gast")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Gremium")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Person"),
    )
    organisation = models.ForeignKey(
        "fields.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_memberships",
        verbose_name=_("Organisation"),
    )
    sector = models.CharField(_("Bereich"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("Funktion"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term = models.CharField(_("Amtszeit"), max_length=20, blank=True)
    start = models.DateField(_("Beginn"), null=True, blank=True)
    end = models.DateField(_("Ende"), null=True, blank=True)
    public_consent = models.BooleanField(
        _("Einwilligung in die öffentliche Nennung"), default=False
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "user__last_name"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user", "term"], name="membership_unique_per_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class DevelopmentGoal(VersionedModel):
    """Entwicklungsziel of a field, set by ThCM and approved by the Lenkungskreis."""

    # Workflow state: changed only by submit/decide, never by restoring a snapshot.
    HISTORY_NOT_RESTORED = ("status", "status_reason", "submitted_at", "decided_at")

    class Status(models.TextChoices):
        # The values of the approval states match `fields.Roadmap.Status` on purpose: the
        # approval services treat roadmaps and goals alike.
        DRAFT = "entwurf", _("Entwurf")
        SUBMITTED = "eingereicht", _("beim Lenkungskreis eingereicht")
        APPROVED = "beschlossen", _("beschlossen")
        RETURNED = "zurueckgegeben", _("zurückgegeben")

    field = models.ForeignKey(
        "fields.SpecializationField",
        on_delete=models.PROTECT,
        related_name="development_goals",
        verbose_name=_("Spezialisierungsfeld"),
    )
    title = models.CharField(_("Titel"), max_length=250)
    description = models.TextField(_("Beschreibung (Markdown)"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    status_reason = models.TextField(_("Begründung der Rückgabe"), blank=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["field__order", "title"]
        verbose_name = _("Entwicklungsziel")
        verbose_name_plural = _("Entwicklungsziele")

    # Staff change the content only before submission or after a return.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES and not self.is_archived

    def __str__(self) -> str:
        return self.title


class Meeting(VersionedModel):
    """Sitzung of a body."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("Gremium")
    )
    title = models.CharField(_("Titel"), max_length=250)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=250, blank=True)
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    invitations_sent_at = models.DateTimeField(_("Einladung versandt am"), null=True, blank=True)
    # A cancelled meeting stays visible (marked "abgesagt") so that nobody wonders where it went.
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:meeting_detail", kwargs={"pk": self.pk})

    @property
    def is_upcoming(self) -> bool:
        return self.ends_at >= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AgendaItem(VersionedModel):
    """Tagesordnungspunkt, optionally about a roadmap, a need or a development goal."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("Sitzung")
    )
    order = models.PositiveSmallIntegerField(_("Nummer"), default=1)
    title = models.CharField(_("Titel"), max_length=250)
    description = models.TextField(_("Erläuterung (Markdown)"), blank=True)
    roadmap = models.ForeignKey(
        "fields.Roadmap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("Roadmap"),
    )
    need = models.ForeignKey(
        "fields.Need",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("Handlungsbedarf"),
    )
    goal = models.ForeignKey(
        DevelopmentGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("Entwicklungsziel"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")

    def __str__(self) -> str:
        return f"TOP {self.order}: {self.title}"


class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "einladung", _("Einladung")
        PROPOSAL = "vorlage", _("Beschlussvorlage")
        PRESENTATION = "praesentation", _("Präsentation")
        MINUTES = "protokoll", _("Protokoll")
        OTHER = "sonstiges", _("Sonstiges")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Sitzung")
    )
    title = models.CharField(_("Titel"), max_length=250)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("Datei"), upload_to="sitzungen/%Y/")
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"), default=0)
    content_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    is_archived = models.BooleanField(_("archiviert"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "title"]
        verbose_name = _("Sitzungsunterlage")
        verbose_name_plural = _("Sitzungsunterlagen")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "anwesend", _("anwesend")
        EXCUSED = "entschuldigt", _("entschuldigt")
        ABSENT = "abwesend", _("abwesend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Teilnahme"), max_length=20, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "user__last_name"]
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_status_display()}"


class Minutes(VersionedModel):
    """Protokoll: editable while a draft, immutable once approved."""

    class Status(models.TextChoices):
        DRAFT = "entwurf", _("Entwurf")
        APPROVED = "abgestimmt", _("abgestimmt")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("Sitzung")
    )
    text = models.TextField(_("Protokoll (Markdown)"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.DateTimeField(_("abgestimmt am"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abgestimmt durch"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self) -> str:
        return str(_("Protokoll: %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def save(self, *args, **kwargs):
        # Last line of defence below the services: approved minutes never change again.
        if self.pk and type(self).objects.filter(pk=self.pk, status=self.Status.APPROVED).exists():
            from django.core.exceptions import ValidationError

            raise ValidationError(_("Ein abgestimmtes Protokoll kann nicht mehr geändert werden."))
        super().save(*args, **kwargs)


class Decision(VersionedModel):
    """Beschluss of a body, taken in a meeting or online (approval of a roadmap or goal)."""

    class Outcome(models.TextChoices):
        APPROVED = "angenommen", _("angenommen")
        REJECTED = "abgelehnt", _("abgelehnt")
        RETURNED = "zurueckgegeben", _("zurückgegeben")
        POSTPONED = "vertagt", _("vertagt")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("Gremium")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Sitzung"),
    )
    title = models.CharField(_("Gegenstand"), max_length=250)
    text = models.TextField(_("Beschlusstext / Begründung"), blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices)
    votes_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), default=0)
    votes_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), default=0)
    decided_at = models.DateTimeField(_("beschlossen am"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    roadmap = models.ForeignKey(
        "fields.Roadmap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Roadmap"),
    )
    goal = models.ForeignKey(
        DevelopmentGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Entwicklungsziel"),
    )
    is_public = models.BooleanField(_("öffentlich"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")

    def __str__(self) -> str:
        return self.title


class ReviewRound(VersionedModel):
    """Priorisierungsrunde: a board scores needs or themes online until the deadline."""

    class Status(models.TextChoices):
        OPEN = "offen", _("offen")
        CLOSED = "abgeschlossen", _("abgeschlossen")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="review_rounds", verbose_name=_("Gremium")
    )
    title = models.CharField(_("Titel"), max_length=250)
    description = models.TextField(_("Hinweise für die Mitglieder (Markdown)"), blank=True)
    deadline = models.DateTimeField(_("Frist"))
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung versandt am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("Priorisierungsrunde")
        verbose_name_plural = _("Priorisierungsrunden")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:review_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def accepts_answers(self) -> bool:
        return self.is_open and self.deadline > timezone.now()


class ReviewItem(models.Model):
    """One need or theme in a round; the aggregates are written when the round closes."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    need = models.ForeignKey(
        "fields.Need", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        "fields.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    score_count = models.PositiveSmallIntegerField(_("Anzahl Bewertungen"), null=True, blank=True)
    conflict_count = models.PositiveSmallIntegerField(
        _("Interessenkonflikte"), null=True, blank=True
    )
    mean = models.DecimalField(_("Mittelwert"), max_digits=3, decimal_places=2, null=True)
    median = models.DecimalField(_("Median"), max_digits=3, decimal_places=1, null=True)
    spread = models.DecimalField(
        _("Streuung (Standardabweichung)"), max_digits=3, decimal_places=2, null=True
    )

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("Gegenstand der Priorisierung")
        verbose_name_plural = _("Gegenstände der Priorisierung")
        constraints = [
            models.CheckConstraint(
                condition=(Q(need__isnull=False) & Q(theme__isnull=True))
                | (Q(need__isnull=True) & Q(theme__isnull=False)),
                name="review_item_need_xor_theme",
            ),
        ]

    def __str__(self) -> str:
        return str(self.subject)

    @property
    def subject(self):
        return self.need if self.need_id else self.theme


class ReviewResponse(TimeStampedModel):
    """A member's answer to one item: a score 1–5 with comment, or a conflict of interest."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("Bewertung"), null=True, blank=True)
    comment = models.TextField(_("Kommentar"), blank=True)
    conflict_of_interest = models.BooleanField(_("Interessenkonflikt"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "created_at"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="review_response_once"),
            models.CheckConstraint(
                condition=(Q(conflict_of_interest=True) & Q(score__isnull=True))
                | (Q(conflict_of_interest=False) & Q(score__gte=1) & Q(score__lte=5)),
                name="review_response_score_or_conflict",
            ),
        ]


class ForumEvent(VersionedModel):
    """Public event of a forum with registration, capacity and waiting list."""

    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Forum"),
    )
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    title = models.CharField(_("Titel"), max_length=250)
    description = models.TextField(_("Beschreibung (Markdown)"), blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=250)
    capacity = models.PositiveIntegerField(_("Plätze"))
    registration_open = models.BooleanField(_("Anmeldung geöffnet"), default=True)
    retention_days = models.PositiveIntegerField(
        _("Aufbewahrung der Anmeldedaten (Tage nach der Veranstaltung)"), default=180
    )
    personal_data_deleted_at = models.DateTimeField(
        _("personenbezogene Daten gelöscht am"), null=True, blank=True
    )
    # A cancelled event stays listed (marked "abgesagt"); its registrations are kept.
    cancelled_at = models.DateTimeField(_("abgesagt am"), null=True, blank=True)
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Forumsveranstaltung")
        verbose_name_plural = _("Forumsveranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

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
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    confirmation_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_confirmed_at = models.DateTimeField(
        _("E-Mail-Adresse bestätigt am"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")

    def __str__(self) -> str:
        return self.name
