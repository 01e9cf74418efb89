"""Meetings with agenda, documents, attendance, minutes and decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal import modelfields
from ris_portal.files import unguessable_name
from ris_portal.models import ArchivableModel, VersionedModel

from .bodies import Body, DevelopmentGoal


class Meeting(VersionedModel):
    """Sitzung of a body."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("Gremium")
    )
    title = modelfields.title_field()
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=250, blank=True)
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    invitations_sent_at = modelfields.optional_datetime(_("Einladung versandt am"))
    # A cancelled meeting stays visible (marked "abgesagt") so that nobody wonders where it went.
    cancelled_at = modelfields.optional_datetime(_("abgesagt am"))
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        constraints = [modelfields.ends_after_start("meeting_ends_after_start")]

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
    title = modelfields.title_field()
    description = modelfields.markdown_field(_("Erläuterung (Markdown)"))
    roadmap = modelfields.optional_fk("fields.Roadmap", "agenda_items", _("Roadmap"))
    need = modelfields.optional_fk("fields.Need", "agenda_items", _("Handlungsbedarf"))
    goal = modelfields.optional_fk(DevelopmentGoal, "agenda_items", _("Entwicklungsziel"))

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")

    def __str__(self) -> str:
        return f"TOP {self.order}: {self.title}"


def meeting_document_upload_to(instance: "MeetingDocument", filename: str) -> str:
    # A random folder per upload: documents of other boards cannot be found by guessing.
    return unguessable_name(f"sitzungen/{timezone.now():%Y}", filename)


class MeetingDocument(ArchivableModel):
    class Kind(models.TextChoices):
        INVITATION = "einladung", _("Einladung")
        PROPOSAL = "vorlage", _("Beschlussvorlage")
        PRESENTATION = "praesentation", _("Präsentation")
        MINUTES = "protokoll", _("Protokoll")
        OTHER = "sonstiges", _("Sonstiges")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("Sitzung")
    )
    title = modelfields.title_field()
    kind = modelfields.choice_field(_("Art"), Kind, default=Kind.OTHER)
    file = models.FileField(_("Datei"), upload_to=meeting_document_upload_to, max_length=300)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"), default=0)
    content_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    uploaded_by = modelfields.user_fk()
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
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
        REPRESENTED = "vertreten", _("vertreten")
        EXCUSED = "entschuldigt", _("entschuldigt")
        ABSENT = "abwesend", _("abwesend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = modelfields.user_fk()
    status = modelfields.choice_field(_("Teilnahme"), Status)
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
    text = modelfields.markdown_field(_("Protokoll (Markdown)"))
    status = modelfields.status_field(Status, Status.DRAFT)
    approved_at = modelfields.optional_datetime(_("abgestimmt am"))
    approved_by = modelfields.user_fk(_("abgestimmt durch"), optional=True)

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
    meeting = modelfields.optional_fk(Meeting, "decisions", _("Sitzung"))
    title = models.CharField(_("Gegenstand"), max_length=250)
    text = models.TextField(_("Beschlusstext / Begründung"), blank=True)
    outcome = modelfields.choice_field(_("Ergebnis"), Outcome)
    votes_yes = models.PositiveSmallIntegerField(_("Ja-Stimmen"), default=0)
    votes_no = models.PositiveSmallIntegerField(_("Nein-Stimmen"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("Enthaltungen"), default=0)
    decided_at = models.DateTimeField(_("beschlossen am"), default=timezone.now)
    decided_by = modelfields.user_fk(_("erfasst von"), optional=True)
    roadmap = modelfields.optional_fk("fields.Roadmap", "decisions", _("Roadmap"))
    goal = modelfields.optional_fk(DevelopmentGoal, "decisions", _("Entwicklungsziel"))
    is_public = models.BooleanField(_("öffentlich"), default=True)
    # The board recommendation this decision refers to; with a deviation reason when the
    # decision does not follow it (see `governance.services.approvals`).
    recommendation = modelfields.optional_fk(
        "governance.Recommendation", "decisions", _("Empfehlung des Beirats")
    )
    deviation_reason = models.TextField(
        _("Begründung der Abweichung von der Empfehlung"), blank=True
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        # A decision taken in a meeting carries the meeting's date, never the day it was typed in.
        if self.meeting_id and self.decided_at:
            meeting_day = timezone.localdate(self.meeting.starts_at)
            if timezone.localdate(self.decided_at) != meeting_day:
                raise ValidationError(
                    {
                        "decided_at": _(
                            "Ein Beschluss in einer Sitzung trägt das Datum der Sitzung (%(date)s)."
                        )
                        % {"date": meeting_day.strftime("%d.%m.%Y")}
                    }
                )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:decision_detail", kwargs={"pk": self.pk})

    @property
    def subject(self):
        return self.roadmap if self.roadmap_id else self.goal

    @property
    def follows_recommendation(self) -> bool:
        return self.recommendation_id is not None and not self.deviation_reason
