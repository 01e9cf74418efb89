"""Monitoring reports: rendered annual/final reports and uploaded legacy PDFs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal import modelfields
from ris_portal.files import unguessable_name
from ris_portal.jobs import LeasedJob
from ris_portal.models import TimeStampedModel, VersionedModel, live_q


def report_upload_to(instance: "Report", filename: str) -> str:
    # One folder per year and a random folder per file: a new rendering never overwrites an
    # earlier (possibly published) version, and drafts cannot be found by guessing names.
    return unguessable_name(
        f"reports/{instance.year}", f"{instance.kind}-{instance.year}-v{instance.number}.pdf"
    )


class Report(TimeStampedModel, LeasedJob):
    """Monitoringbericht: one version (Fassung) of a report of one kind for one year."""

    class Kind(models.TextChoices):
        ANNUAL = "jahresbericht", _("Jährlicher Monitoringbericht")
        FINAL = "abschlussbericht", _("Abschlussbericht der Förderperiode")
        LEGACY = "altbericht", _("Früherer Bericht (hochgeladen)")

    class Status(models.TextChoices):
        REQUESTED = "angefordert", _("angefordert")
        RENDERING = "wird_erstellt", _("wird erstellt")
        READY = "fertig", _("fertig")
        FAILED = "fehlgeschlagen", _("fehlgeschlagen")
        PUBLISHED = "veroeffentlicht", _("veröffentlicht")

    kind = modelfields.choice_field(_("Art"), Kind, default=Kind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    # First year of the span of a final report (2021 for 2021–2027); equal to `year` for every
    # other report (filled on save), so that the span is part of every uniqueness rule.
    start_year = models.PositiveSmallIntegerField(
        _("erstes Jahr des Berichtszeitraums"), blank=True
    )
    number = models.PositiveIntegerField(_("Fassung"), default=1)
    # Cut-off date: the report shows everything as it stood on this day (from the history).
    # Empty only for uploaded legacy reports; rendered reports default to 31 December.
    stichtag = modelfields.optional_date(_("Stichtag"))
    title = modelfields.title_field()
    description = models.TextField(_("Beschreibung"), blank=True)
    status = modelfields.status_field(Status, Status.REQUESTED)
    file = models.FileField(_("PDF-Datei"), upload_to=report_upload_to, blank=True, max_length=300)
    sha256 = models.CharField(_("SHA-256-Prüfsumme"), max_length=64, blank=True)
    pages = models.PositiveIntegerField(_("Seiten"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("Dateigröße (Bytes)"), null=True, blank=True)
    requested_by = modelfields.user_fk(
        _("angefordert von"), optional=True, on_delete=models.SET_NULL
    )
    requested_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    started_at = modelfields.optional_datetime(_("Erstellung begonnen am"))
    finished_at = modelfields.optional_datetime(_("fertiggestellt am"))
    published_at = modelfields.optional_datetime(_("veröffentlicht am"))
    published_by = modelfields.user_fk(
        _("veröffentlicht von"), optional=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind", "-number"]
        verbose_name = _("Monitoringbericht")
        verbose_name_plural = _("Monitoringberichte")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"], name="report_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="report_year_sensible"
            ),
            # Requests are idempotent: one report in progress per kind, span and Stichtag.
            models.UniqueConstraint(
                fields=["kind", "start_year", "year", "stichtag"],
                condition=Q(status__in=["angefordert", "wird_erstellt"]),
                name="report_one_in_progress",
            ),
            # Only a final report covers a span of years (at most 20).
            models.CheckConstraint(
                condition=(Q(kind="abschlussbericht") | Q(start_year=models.F("year")))
                & Q(start_year__lte=models.F("year"))
                & Q(start_year__gte=models.F("year") - 20),
                name="report_span_sensible",
            ),
        ]

    def save(self, *args, **kwargs):
        if self.start_year is None:
            self.start_year = self.year
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return _("%(title)s (Fassung %(number)s)") % {"title": self.title, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", kwargs={"pk": self.pk})

    @property
    def is_in_progress(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.RENDERING)

    @property
    def is_waiting_for_queue(self) -> bool:
        """Requested, but no worker was told yet (broker down); the job sweep retries."""

        return (
            self.status == self.Status.REQUESTED
            and self.enqueued_at is None
            and not settings.RIS_TASKS_IN_THREAD
        )

    @property
    def has_file(self) -> bool:
        return bool(self.file) and self.status in (self.Status.READY, self.Status.PUBLISHED)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_period(self) -> bool:
        return self.start_year is not None and self.start_year < self.year

    @property
    def period_label(self) -> str:
        """„2025“, or the span of a final report („2021–2027“)."""
        return f"{self.start_year}–{self.year}" if self.is_period else str(self.year)

    @property
    def filename(self) -> str:
        period = self.period_label.replace("–", "-")
        return f"RIS-Thueringen-{self.get_kind_display_slug()}-{period}-Fassung-{self.number}.pdf"

    def get_kind_display_slug(self) -> str:
        return {
            self.Kind.ANNUAL: "Monitoringbericht",
            self.Kind.FINAL: "Abschlussbericht",
            self.Kind.LEGACY: "Bericht",
        }[self.Kind(self.kind)]


class Narrative(VersionedModel):
    """Einschätzung: the RIS office's assessment at the start of one chapter of one report.

    One text per report kind, year and chapter (the statewide chapter, each field chapter,
    governance). For a final report the year is its last year. See `reports.narratives`.
    """

    class Chapter(models.TextChoices):
        STATEWIDE = "thueringen", _("Thüringen im Überblick")
        FIELD = "feld", _("Spezialisierungsfeld")
        GOVERNANCE = "governance", _("Governance")

    kind = models.CharField(
        _("Art des Berichts"),
        max_length=20,
        choices=[
            (Report.Kind.ANNUAL, Report.Kind.ANNUAL.label),
            (Report.Kind.FINAL, Report.Kind.FINAL.label),
        ],
        default=Report.Kind.ANNUAL,
    )
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    chapter = modelfields.choice_field(_("Kapitel"), Chapter)
    field = modelfields.optional_fk("fields.SpecializationField", "+", _("Spezialisierungsfeld"))
    text = modelfields.markdown_field(_("Einschätzung (Markdown)"))
    # Which report a text belongs to is fixed; a restore only brings back the wording.
    HISTORY_NOT_RESTORED = ("kind", "year", "chapter", "field")

    class Meta:
        ordering = ["-year", "kind", "chapter", "field__order"]
        verbose_name = _("Einschätzung der Geschäftsstelle")
        verbose_name_plural = _("Einschätzungen der Geschäftsstelle")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "chapter"],
                condition=Q(field__isnull=True) & live_q(),
                name="narrative_unique_chapter",
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "field"],
                condition=Q(field__isnull=False) & live_q(),
                name="narrative_unique_field",
            ),
            models.CheckConstraint(
                condition=(Q(chapter="feld") & Q(field__isnull=False))
                | (~Q(chapter="feld") & Q(field__isnull=True)),
                name="narrative_field_only_in_field_chapter",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="narrative_year_sensible"
            ),
        ]

    def __str__(self) -> str:
        title = self.field.name if self.field_id else self.get_chapter_display()
        return _("Einschätzung %(chapter)s %(year)s") % {"chapter": title, "year": self.year}

    def get_absolute_url(self) -> str:
        slug = f"feld-{self.field.slug}" if self.field_id else self.chapter
        return reverse(
            "reports:narrative_chapter",
            kwargs={"kind": self.kind, "year": self.year, "chapter": slug},
        )


class NarrativeComment(TimeStampedModel):
    """A comment of the steering committee (or staff) on a draft assessment."""

    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="comments")
    author = modelfields.user_fk()
    text = models.TextField(_("Kommentar"))
    # The version of the text the comment refers to (the text may change afterwards).
    narrative_version = models.PositiveIntegerField(_("zu Version"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Kommentar zur Einschätzung")
        verbose_name_plural = _("Kommentare zu Einschätzungen")
