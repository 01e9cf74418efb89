"""Review rounds (Priorisierungsrunden): items and responses."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel, VersionedModel

from .bodies import Body


class ReviewRound(VersionedModel):
    """Priorisierungsrunde: a board scores needs or themes online until the deadline."""

    class Status(models.TextChoices):
        OPEN = "offen", _("offen")
        CLOSED = "abgeschlossen", _("abgeschlossen")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="review_rounds", verbose_name=_("Gremium")
    )
    title = modelfields.title_field()
    description = modelfields.markdown_field(_("Hinweise für die Mitglieder (Markdown)"))
    deadline = models.DateTimeField(_("Frist"))
    status = modelfields.status_field(Status, Status.OPEN)
    closed_at = modelfields.optional_datetime(_("abgeschlossen am"))
    reminder_sent_at = modelfields.optional_datetime(_("Erinnerung versandt am"))
    # Participation quorum: below this share of members answering, closing needs a reason.
    quorum_percent = models.PositiveSmallIntegerField(
        _("Mindestbeteiligung (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Anteil der Mitglieder, die geantwortet haben sollen; 0 = keine Mindestbeteiligung."
        ),
    )
    members_at_close = models.PositiveSmallIntegerField(
        _("Mitglieder beim Abschluss"), null=True, blank=True
    )
    answered_at_close = models.PositiveSmallIntegerField(
        _("Antworten beim Abschluss"), null=True, blank=True
    )
    close_reason = models.TextField(
        _("Begründung des Abschlusses unter der Mindestbeteiligung"), blank=True
    )
    # Writing the results into the needs' priorities is a separate, explicit staff step.
    priorities_applied_at = modelfields.optional_datetime(_("Prioritäten übernommen am"))
    priorities_applied_by = modelfields.user_fk(_("Prioritäten übernommen von"), optional=True)
    created_by = modelfields.user_fk()

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

    def quorum_required(self, members: int) -> int:
        """How many members must have answered to reach the participation quorum."""
        return -(-members * self.quorum_percent // 100)  # ceiling division


class ReviewItem(models.Model):
    """One need or theme in a round; the aggregates are written when the round closes.

    Kept in the history like the round, so that a report counts a round's items as they stood
    at its Stichtag (`reports.content.snapshot.Snapshot.review_rounds`).
    """

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    need = modelfields.optional_fk("fields.Need", "+")
    theme = modelfields.optional_fk("fields.Theme", "+")
    score_count = models.PositiveSmallIntegerField(_("Anzahl Bewertungen"), null=True, blank=True)
    conflict_count = models.PositiveSmallIntegerField(
        _("Interessenkonflikte"), null=True, blank=True
    )
    mean = models.DecimalField(_("Mittelwert"), max_digits=3, decimal_places=2, null=True)
    median = models.DecimalField(_("Median"), max_digits=3, decimal_places=1, null=True)
    spread = models.DecimalField(
        _("Streuung (Standardabweichung)"), max_digits=3, decimal_places=2, null=True
    )
    history = HistoricalRecords()

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
    user = modelfields.user_fk()
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
