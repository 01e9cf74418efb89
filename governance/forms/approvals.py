"""Forms for approvals: deciding on a roadmap or goal, the boards' recommendations, goals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ris_portal.concurrency import VersionedModelForm, VersionField
from ris_portal.forms import RadioChoiceField, TextareaField

from .. import models
from .common import DATETIME_WIDGET


class ApprovalDecideForm(forms.Form):
    decision = RadioChoiceField(
        label=_("Entscheidung"),
        choices=[("approve", _("beschließen")), ("return", _("zurückgeben"))],
    )
    reason = TextareaField(
        label=_("Begründung (bei Rückgabe erforderlich)"), required=False, rows=4
    )
    meeting = forms.ModelChoiceField(
        label=_("Sitzung, in der entschieden wurde"),
        queryset=models.Meeting.objects.none(),
        required=False,
    )
    votes_yes = forms.IntegerField(label=_("Ja-Stimmen"), min_value=0, initial=0, required=False)
    votes_no = forms.IntegerField(label=_("Nein-Stimmen"), min_value=0, initial=0, required=False)
    votes_abstain = forms.IntegerField(
        label=_("Enthaltungen"), min_value=0, initial=0, required=False
    )
    recommendation = forms.ModelChoiceField(
        label=_("Bezug auf die Empfehlung des Beirats"),
        queryset=models.Recommendation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    deviation_reason = TextareaField(
        label=_("Begründung der Abweichung (wenn die Entscheidung der Empfehlung nicht folgt)"),
        required=False,
        rows=3,
    )
    version = VersionField()

    def __init__(self, *args, meetings, meeting_required: bool, recommendations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].required = meeting_required
        if recommendations is not None and recommendations.exists():
            self.fields["recommendation"].queryset = recommendations
            self.fields["recommendation"].required = True
            self.fields["recommendation"].label_from_instance = _recommendation_label
        else:
            # Nothing to refer to: the board has given no recommendation on this subject.
            del self.fields["recommendation"]
            del self.fields["deviation_reason"]
        if meeting_required:
            self.fields["meeting"].help_text = _(
                "Die Geschäftsstelle erfasst Beschlüsse, die in einer Sitzung gefasst wurden."
            )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Bitte begründen Sie die Rückgabe."))
        return data


def _recommendation_label(recommendation) -> str:
    return _("%(outcome)s – %(body)s, %(date)s") % {
        "outcome": recommendation.get_outcome_display(),
        "body": recommendation.body,
        "date": recommendation.given_at.strftime("%d.%m.%Y") if recommendation.given_at else "",
    }


class RecommendationMeetingForm(forms.Form):
    """A recommendation the board gave in a meeting (recorded by staff)."""

    meeting = forms.ModelChoiceField(
        label=_("Sitzung des Beirats"), queryset=models.Meeting.objects.none()
    )
    outcome = RadioChoiceField(label=_("Empfehlung"), choices=models.Recommendation.Outcome.choices)
    rationale = TextareaField(label=_("Begründung (Markdown)"), rows=5)
    votes_approve = forms.IntegerField(
        label=_("Stimmen für Zustimmung"), min_value=0, initial=0, required=False
    )
    votes_revise = forms.IntegerField(
        label=_("Stimmen für Überarbeitung"), min_value=0, initial=0, required=False
    )
    votes_reject = forms.IntegerField(
        label=_("Stimmen für Ablehnung"), min_value=0, initial=0, required=False
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class RecommendationRoundForm(forms.Form):
    """Open an online round in which the board's members vote on their recommendation."""

    deadline = forms.DateTimeField(label=_("Frist"), widget=DATETIME_WIDGET)
    note = TextareaField(label=_("Hinweise für die Mitglieder (Markdown)"), required=False, rows=4)


class RecommendationVoteForm(forms.Form):
    choice = RadioChoiceField(
        label=_("Ihre Empfehlung"), choices=models.Recommendation.Outcome.choices
    )
    comment = TextareaField(label=_("Kommentar"), required=False, rows=3)


class RecommendationCloseForm(forms.Form):
    outcome = RadioChoiceField(
        label=_("Empfehlung des Beirats"), choices=models.Recommendation.Outcome.choices
    )
    rationale = TextareaField(label=_("Begründung (Markdown)"), rows=5)
    version = VersionField()


class GoalForm(VersionedModelForm):
    class Meta:
        model = models.DevelopmentGoal
        fields = ["field", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
