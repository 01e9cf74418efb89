"""Board recommendations (Empfehlungen) on roadmaps and development goals.

A strategy board recommends to the Lenkungskreis: approve, revise or reject, with a rationale.
It does so in a meeting (recorded by staff with the votes) or in an online round: the members
vote until a deadline, then staff close the round with the outcome and rationale. The decision
of the Lenkungskreis then records which recommendation it followed or why it deviated.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel, VersionedModel

from .bodies import Body, DevelopmentGoal
from .meetings import Meeting


class Recommendation(VersionedModel):
    # Workflow state: changed only by the services (give, close), never by a restore.
    HISTORY_NOT_RESTORED = ("status", "given_at", "votes_approve", "votes_revise", "votes_reject")

    class Outcome(models.TextChoices):
        APPROVE = "zustimmung", _("Zustimmung empfohlen")
        REVISE = "ueberarbeitung", _("Überarbeitung empfohlen")
        REJECT = "ablehnung", _("Ablehnung empfohlen")

    class Procedure(models.TextChoices):
        MEETING = "sitzung", _("in einer Sitzung")
        ONLINE = "online", _("in einer Online-Runde")

    class Status(models.TextChoices):
        OPEN = "offen", _("Online-Runde läuft")
        GIVEN = "abgegeben", _("abgegeben")

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("Gremium")
    )
    roadmap = modelfields.optional_fk("fields.Roadmap", "recommendations", _("Roadmap"))
    goal = modelfields.optional_fk(DevelopmentGoal, "recommendations", _("Entwicklungsziel"))
    procedure = modelfields.choice_field(_("Verfahren"), Procedure, max_length=10)
    meeting = modelfields.optional_fk(Meeting, "recommendations", _("Sitzung"))
    deadline = modelfields.optional_datetime(_("Frist der Online-Runde"))
    status = modelfields.status_field(Status, Status.GIVEN, max_length=12)
    outcome = modelfields.choice_field(_("Empfehlung"), Outcome, blank=True)
    rationale = modelfields.markdown_field(_("Begründung (Markdown)"))
    votes_approve = models.PositiveSmallIntegerField(_("Stimmen für Zustimmung"), default=0)
    votes_revise = models.PositiveSmallIntegerField(_("Stimmen für Überarbeitung"), default=0)
    votes_reject = models.PositiveSmallIntegerField(_("Stimmen für Ablehnung"), default=0)
    given_at = modelfields.optional_datetime(_("abgegeben am"))
    recorded_by = modelfields.user_fk(_("erfasst von"), optional=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(roadmap__isnull=False) & Q(goal__isnull=True))
                | (Q(roadmap__isnull=True) & Q(goal__isnull=False)),
                name="recommendation_roadmap_xor_goal",
            ),
            models.CheckConstraint(
                condition=~Q(procedure="sitzung") | Q(meeting__isnull=False),
                name="recommendation_meeting_needs_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status="abgegeben") | (~Q(outcome="") & Q(given_at__isnull=False)),
                name="recommendation_given_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return _("Empfehlung des %(body)s zu „%(subject)s“") % {
            "body": self.body,
            "subject": self.subject.title if self.subject else "",
        }

    @property
    def subject(self):
        return self.roadmap if self.roadmap_id else self.goal

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def accepts_votes(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline > timezone.now()

    def get_absolute_url(self) -> str:
        return reverse("governance:recommendation_detail", kwargs={"pk": self.pk})


class RecommendationVote(TimeStampedModel):
    """A board member's vote in an online round, with an optional comment."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="votes"
    )
    user = modelfields.user_fk()
    choice = models.CharField(
        _("Ihre Empfehlung"), max_length=20, choices=Recommendation.Outcome.choices
    )
    comment = models.TextField(_("Kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "created_at"]
        verbose_name = _("Stimme zur Empfehlung")
        verbose_name_plural = _("Stimmen zu Empfehlungen")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "user"], name="recommendation_vote_once"
            )
        ]
