from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fields.models import Actor, Need, Theme
from ris_portal.concurrency import VersionedModelForm, VersionField
from ris_portal.editing import ConfirmForm
from ris_portal.forms import RadioChoiceField, TextareaField
from ris_portal.models import live_q

from . import models, services

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Actor.objects.live(), required=False
    )
    sector = forms.ChoiceField(label=_("Bereich"), choices=models.Membership.Sector.choices)
    role = forms.ChoiceField(
        label=_("Funktion"),
        choices=models.Membership.Role.choices,
        initial=models.Membership.Role.MEMBER,
    )
    term = forms.CharField(label=_("Amtszeit"), max_length=20, required=False)
    start = forms.DateField(label=_("Beginn"), required=False, widget=DATE_WIDGET)
    public_consent = forms.BooleanField(
        label=_("Die Person hat in die öffentliche Nennung eingewilligt"), required=False
    )


class BodyForm(VersionedModelForm):
    """Staff keep a body's public description, its current term and its quorum rule up to date
    (kind, field and the address of its page stay as set up)."""

    class Meta:
        model = models.Body
        fields = ["name", "description", "current_term", "quorum_percent", "quorum_minimum"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_quorum_minimum(self):
        # Optional in the form, a number in the table: no minimum is a minimum of 0.
        return self.cleaned_data.get("quorum_minimum") or 0


class MembershipForm(VersionedModelForm):
    """Staff correct a membership: the person and the body stay; the end can be corrected
    (or removed, when it was set by mistake) here, "Beenden" is the guided way to set it."""

    class Meta:
        model = models.Membership
        fields = ["organisation", "sector", "role", "term", "start", "end", "public_consent"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}
        labels = {
            "role": _("Funktion"),
            "end": _("Letzter Tag der Mitgliedschaft"),
            "public_consent": _("Die Person hat in die öffentliche Nennung eingewilligt"),
        }
        help_texts = {
            "end": _("Leer, solange die Mitgliedschaft läuft."),
            "public_consent": _(
                "Ohne Einwilligung erscheint die Person nicht auf den öffentlichen Seiten, in den "
                "offenen Daten und in den Berichten."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Live organisations, and the one recorded even if archived since: otherwise every
        # correction (a withdrawn consent, too) would first have to change the organisation.
        current = Q(pk=self.instance.organisation_id) if self.instance.organisation_id else Q()
        self.fields["organisation"].queryset = Actor.objects.filter(Q(is_archived=False) | current)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        problem = services.membership_dates_problem(start=start, end=end)
        if problem:
            self.add_error("end", problem)
        term = data.get("term", "")
        others = models.Membership.objects.filter(
            body_id=self.instance.body_id, user_id=self.instance.user_id, term=term
        ).exclude(pk=self.instance.pk)
        if "term" in data and others.exists():
            self.add_error(
                "term", _("Für diese Amtszeit ist die Person bereits Mitglied des Gremiums.")
            )
        return data


class MembershipEndForm(ConfirmForm):
    end = forms.DateField(
        label=_("Letzter Tag der Mitgliedschaft"),
        widget=DATE_WIDGET,
        help_text=_(
            "Ab dem folgenden Tag endet der Zugang aus dieser Mitgliedschaft. Soll er sofort "
            "enden, wählen Sie den gestrigen Tag; ein späterer Tag plant das Ende (z. B. zum "
            "Ende der Amtszeit)."
        ),
    )


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
        from .selectors import roadmaps_with_field

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


class CancelForm(ConfirmForm):
    """Confirmation of a cancellation, with the reason that the people concerned will read."""

    reason_help = ""
    reason = TextareaField(label=_("Grund der Absage"), max_length=1000, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = self.reason_help


class MeetingCancelForm(CancelForm):
    reason_help = _("Erscheint auf der Sitzungsseite und in der E-Mail an die Mitglieder.")


class EventCancelForm(CancelForm):
    reason_help = _("Erscheint auf der Veranstaltungsseite und in der E-Mail an die Angemeldeten.")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = models.Decision
        fields = ["title", "outcome", "text", "votes_yes", "votes_no", "votes_abstain", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


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


class ReviewRoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=250)
    description = TextareaField(
        label=_("Hinweise für die Mitglieder (Markdown)"), required=False, rows=4
    )
    deadline = forms.DateTimeField(label=_("Frist"), widget=DATETIME_WIDGET)
    quorum_percent = forms.IntegerField(
        label=_("Mindestbeteiligung (%)"),
        min_value=0,
        max_value=100,
        initial=50,
        required=False,
        help_text=_(
            "Antworten weniger Mitglieder, fragt das Portal beim Abschluss nach einer Begründung."
        ),
    )

    def clean_quorum_percent(self):
        value = self.cleaned_data.get("quorum_percent")
        return 50 if value is None else value

    needs = forms.ModelMultipleChoiceField(
        label=_("Handlungsbedarfe"),
        queryset=Need.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, needs, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["themes"].queryset = themes

    def clean(self):
        data = super().clean()
        if not data.get("needs") and not data.get("themes"):
            raise ValidationError(
                _("Bitte wählen Sie mindestens einen Handlungsbedarf oder ein Thema.")
            )
        return data


SCORE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class ReviewAnswerForm(forms.Form):
    """Per item: a score 1–5 and a comment, or a declared conflict of interest."""

    def __init__(self, *args, items, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            previous = answers.get(item.pk)
            self.fields[f"score_{item.pk}"] = RadioChoiceField(
                label=_("Bewertung (1 = gering, 5 = sehr hoch)"),
                choices=SCORE_CHOICES,
                required=False,
                initial=str(previous.score) if previous and previous.score else None,
            )
            self.fields[f"conflict_{item.pk}"] = forms.BooleanField(
                label=_("Ich erkläre einen Interessenkonflikt und bewerte diesen Punkt nicht."),
                required=False,
                initial=bool(previous and previous.conflict_of_interest),
            )
            self.fields[f"comment_{item.pk}"] = TextareaField(
                label=_("Kommentar"),
                required=False,
                initial=previous.comment if previous else "",
                rows=2,
            )

    def clean(self):
        data = super().clean()
        for item in self.items:
            if not data.get(f"conflict_{item.pk}") and not data.get(f"score_{item.pk}"):
                self.add_error(
                    f"score_{item.pk}",
                    _(
                        "Bitte bewerten Sie diesen Punkt oder erklären Sie einen Interessenkonflikt."
                    ),
                )
        return data

    def rows(self):
        return [
            (
                item,
                self[f"score_{item.pk}"],
                self[f"conflict_{item.pk}"],
                self[f"comment_{item.pk}"],
            )
            for item in self.items
        ]

    def answers(self) -> dict[int, dict]:
        return {
            item.pk: {
                "score": int(self.cleaned_data[f"score_{item.pk}"])
                if self.cleaned_data.get(f"score_{item.pk}")
                else None,
                "conflict": self.cleaned_data.get(f"conflict_{item.pk}", False),
                "comment": self.cleaned_data.get(f"comment_{item.pk}", ""),
            }
            for item in self.items
        }


class GoalForm(VersionedModelForm):
    class Meta:
        model = models.DevelopmentGoal
        fields = ["field", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class EventForm(VersionedModelForm):
    class Meta:
        model = models.ForumEvent
        fields = [
            "body",
            "slug",
            *models.ForumEvent.ANNOUNCEMENT_FIELDS,
            "registration_open",
            "retention_days",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = models.Body.objects.live().filter(
            kind=models.Body.Kind.FORUM
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=250, required=False)
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    privacy_consent = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzhinweise gelesen und willige in die Verarbeitung meiner "
            "Angaben zur Durchführung der Veranstaltung ein."
        ),
        error_messages={"required": _("Bitte stimmen Sie der Datenschutzerklärung zu.")},
    )


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


class ReviewCloseForm(ConfirmForm):
    """Closing a round; below the participation quorum a reason is required (checked in the
    service, which knows the participation at the moment of closing)."""

    reason = TextareaField(
        label=_("Begründung (nötig unter der Mindestbeteiligung)"), required=False, rows=3
    )


class EventAttendanceForm(forms.Form):
    """One checkbox per confirmed registration: did the person come?"""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            label = registration.name
            if registration.organisation:
                label += f" ({registration.organisation})"
            self.fields[f"r_{registration.pk}"] = forms.BooleanField(
                label=label, required=False, initial=bool(registration.attended)
            )

    def attended_ids(self) -> list[int]:
        return [r.pk for r in self.registrations if self.cleaned_data.get(f"r_{r.pk}")]
