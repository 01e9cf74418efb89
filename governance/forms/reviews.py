"""Forms for review rounds (Priorisierungsrunden): opening, answering and closing one."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fields.models import Need, Theme
from ris_portal.editing import ConfirmForm
from ris_portal.forms import RadioChoiceField, TextareaField

from .common import DATETIME_WIDGET


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


class ReviewCloseForm(ConfirmForm):
    """Closing a round; below the participation quorum a reason is required (checked in the
    service, which knows the participation at the moment of closing)."""

    reason = TextareaField(
        label=_("Begründung (nötig unter der Mindestbeteiligung)"), required=False, rows=3
    )
