from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fields.forms import MARKDOWN_HINT, MarkdownTextarea
from ris_portal.forms import TextareaField

from .content.base import default_stichtag, stichtag_error
from .models import Report

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def _year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, 2016, -1)]


def _year_field():
    """The report year, last year preselected."""
    return forms.TypedChoiceField(
        label=_("Berichtsjahr"),
        coerce=int,
        choices=_year_choices,
        initial=lambda: timezone.localdate().year - 1,
    )


def _kind_field(**kwargs):
    """The kinds of report the portal renders."""
    kinds = (Report.Kind.ANNUAL, Report.Kind.FINAL)
    return forms.ChoiceField(
        label=_("Art des Berichts"), choices=[(kind, kind.label) for kind in kinds], **kwargs
    )


class ReportRequestForm(forms.Form):
    year = _year_field()
    kind = _kind_field(initial=Report.Kind.ANNUAL)
    start_year = forms.TypedChoiceField(
        label=_("Erstes Jahr des Berichtszeitraums"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=lambda: [("", "—"), *_year_choices()],
        help_text=_(
            "Nur für den Abschlussbericht: Er umfasst die Jahre vom ersten Jahr bis zum "
            "Berichtsjahr, z. B. 2021 bis 2027, mit Tabellen über alle Jahre."
        ),
    )
    stichtag = forms.DateField(
        label=_("Stichtag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Der Bericht zeigt alles so, wie es am Ende dieses Tages im Portal stand. Leer "
            "lassen für den 31. Dezember des Berichtsjahres; ein späterer Tag (z. B. der "
            "31. März des Folgejahres) nimmt nachgelieferte Werte auf."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        year, start_year = cleaned.get("year"), cleaned.get("start_year")
        if cleaned.get("kind") != Report.Kind.FINAL:
            cleaned["start_year"] = None
        elif year and start_year is None:
            self.add_error(
                "start_year",
                _("Für einen Abschlussbericht wählen Sie bitte das erste Jahr des Zeitraums."),
            )
        elif year and start_year >= year:
            self.add_error(
                "start_year",
                _("Das erste Jahr muss vor dem Berichtsjahr liegen (z. B. 2021 bis 2027)."),
            )
        year, stichtag = cleaned.get("year"), cleaned.get("stichtag")
        if year and stichtag is None and "stichtag" not in self.errors:
            cleaned["stichtag"] = default_stichtag(year)
        elif year and stichtag:
            error = stichtag_error(year, stichtag)
            if error:
                self.add_error("stichtag", error)
        return cleaned


class LegacyUploadForm(forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Titel"), max_length=250)
    description = TextareaField(
        label=_("Beschreibung"),
        required=False,
        help_text=_("z. B. Herausgeber, Stand und Umfang des Berichts"),
        rows=3,
    )
    file = forms.FileField(label=_("PDF-Datei"), help_text=_("Höchstens 100 MB."))
    publish = forms.BooleanField(
        label=_("Sofort im Download-Bereich veröffentlichen"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 100 MB."))
        return upload


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ich habe den Bericht geprüft und möchte ihn veröffentlichen."), required=True
    )


# --- assessments per chapter ------------------------------------------------------------------
NARRATIVE_MAX_CHARS = 20_000


class NarrativeForm(forms.Form):
    merge_fields = ("text",)  # the row field this form edits (for the conflict merge)

    text = forms.CharField(
        label=_("Einschätzung der Geschäftsstelle (Markdown)"),
        required=False,
        max_length=NARRATIVE_MAX_CHARS,
        widget=MarkdownTextarea(attrs={"rows": 14}),
        help_text=MARKDOWN_HINT,
    )
    # 0: the user started from an empty chapter (nobody had written it yet).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NarrativeCommentForm(forms.Form):
    text = TextareaField(
        label=_("Ihr Kommentar"),
        max_length=5000,
        help_text=_("Die Geschäftsstelle sieht Ihren Kommentar mit Ihrem Namen."),
        rows=4,
    )


class NarrativeYearForm(forms.Form):
    jahr = _year_field()
    art = _kind_field(required=False)
