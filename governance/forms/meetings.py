"""Forms for meetings: the meeting, its agenda, documents, attendance, minutes, decisions
and the members' replies."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fields.models import Need
from ris_portal.concurrency import VersionedModelForm
from ris_portal.forms import RadioChoiceField
from ris_portal.models import live_q

from .. import models, services
from .common import DATETIME_WIDGET, CancelForm


class MeetingForm(VersionedModelForm):
    class Meta:
        model = models.Meeting
        fields = ["title", "starts_at", "ends_at", "location", "online_url"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET}

    online_url = forms.URLField(
        label=_("Link zur Online-Teilnahme"), required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        if not data.get("location") and not data.get("online_url"):
            self.add_error("location", _("Bitte geben Sie einen Ort oder einen Online-Link an."))
        return data


class AgendaItemForm(VersionedModelForm):
    """A new agenda item (its number is optional: next free one) or a correction of one."""

    class Meta:
        model = models.AgendaItem
        fields = ["order", "title", "description", "roadmap", "need", "goal"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: models.Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from ..selectors import roadmaps_with_field

        field_id = meeting.body.field_id
        offered = {"roadmap": live_q(), "need": live_q(), "goal": live_q()}
        if field_id:
            offered["roadmap"] &= Q(network__theme__field_id=field_id)
            offered["need"] &= Q(theme__field_id=field_id)
            offered["goal"] &= Q(field_id=field_id)
        # The live subjects of the body's field, and an item's own subject even when it was
        # archived since: the item stays editable without choosing a new one, and the
        # archived subject is offered for this item only.
        for name in offered:
            current = getattr(self.instance, f"{name}_id", None)
            if current is not None:
                offered[name] |= Q(pk=current)
        self.fields["roadmap"].queryset = roadmaps_with_field().filter(offered["roadmap"])
        self.fields["need"].queryset = Need.objects.select_related("theme").filter(offered["need"])
        self.fields["goal"].queryset = models.DevelopmentGoal.objects.filter(offered["goal"])
        # A new item gets the next number when left empty; an item on the agenda keeps one.
        self.fields["order"].required = bool(self.instance.pk)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=250)
    kind = forms.ChoiceField(label=_("Art"), choices=models.MeetingDocument.Kind.choices)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("PDF, DOCX, XLSX, PPTX, PNG oder JPEG, höchstens 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.document_check(upload)
        return upload


class AttendanceForm(forms.Form):
    """One choice per active member of the meeting's body."""

    def __init__(self, *args, meeting: models.Meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(meeting.attendances.values_list("user_id", "status"))
        self.members = members
        for user in members:
            self.fields[f"user_{user.pk}"] = forms.ChoiceField(
                label=user.get_full_name() or user.email,
                choices=[("", _("nicht erfasst")), *models.Attendance.Status.choices],
                required=False,
                initial=current.get(user.pk, ""),
            )

    def statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data.get(f"user_{user.pk}", "") for user in self.members}


class MinutesForm(VersionedModelForm):
    class Meta:
        model = models.Minutes
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}


class MeetingCancelForm(CancelForm):
    reason_help = _("Erscheint auf der Sitzungsseite und in der E-Mail an die Mitglieder.")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = models.Decision
        fields = ["title", "outcome", "text", "votes_yes", "votes_no", "votes_abstain", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class MeetingReplyForm(forms.Form):
    """A member's answer to an invitation: accept, decline, or decline with a substitute."""

    answer = RadioChoiceField(label=_("Ihre Antwort"), choices=models.MeetingReply.Answer.choices)
    substitute_name = forms.CharField(
        label=_("Name der Vertretung"),
        max_length=200,
        required=False,
        help_text=_("Nur bei „Absage mit Vertretung“: Wer nimmt an Ihrer Stelle teil?"),
    )
    substitute_email = forms.EmailField(label=_("E-Mail-Adresse der Vertretung"), required=False)
    note = forms.CharField(
        label=_("Hinweis an die Geschäftsstelle"), max_length=500, required=False
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("answer") == models.MeetingReply.Answer.SUBSTITUTE
            and not data.get("substitute_name", "").strip()
        ):
            self.add_error("substitute_name", _("Bitte nennen Sie Ihre Vertretung."))
        return data
