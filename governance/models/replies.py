"""Members' answers to meeting invitations (Zusage, Absage, Vertretung)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel

from .meetings import Meeting


class MeetingReply(TimeStampedModel):
    """A member's answer to the invitation; may be changed until the meeting starts."""

    class Answer(models.TextChoices):
        ACCEPT = "zusage", _("Zusage")
        DECLINE = "absage", _("Absage")
        SUBSTITUTE = "vertretung", _("Absage mit Vertretung")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="replies", verbose_name=_("Sitzung")
    )
    user = modelfields.user_fk(_("Mitglied"), related_name="meeting_replies")
    answer = modelfields.choice_field(_("Antwort"), Answer)
    substitute_name = models.CharField(_("Name der Vertretung"), max_length=200, blank=True)
    substitute_email = models.EmailField(_("E-Mail-Adresse der Vertretung"), blank=True)
    note = models.CharField(_("Hinweis"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "user__last_name", "id"]
        verbose_name = _("Antwort auf eine Einladung")
        verbose_name_plural = _("Antworten auf Einladungen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_reply_once"),
            models.CheckConstraint(
                condition=~Q(answer="vertretung") | ~Q(substitute_name=""),
                name="meeting_reply_substitute_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_answer_display()}"

    @property
    def counts_as_present(self) -> bool:
        return self.answer in (self.Answer.ACCEPT, self.Answer.SUBSTITUTE)
