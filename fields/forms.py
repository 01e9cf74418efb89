"""Forms of the staff workspace. Edit forms carry the loaded version (no lost updates)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ris_portal.concurrency import VersionedModelForm, values_of  # noqa: F401  (views: forms.values_of)

from . import models
from .models import ASSESSMENT_CRITERIA, key_figures_text

MARKDOWN_HINT = _(
    "Markdown: **fett**, *kursiv*, Listen mit „-“, Links als [Text](https://…). "
    "Mit „Vorschau“ sehen Sie das Ergebnis."
)


class MarkdownTextarea(forms.Textarea):
    """Textarea with a preview button (htmx posts the text to `fields:markdown_preview`)."""

    template_name = "fields/widgets/markdown.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 6, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview_url"] = reverse_lazy("fields:markdown_preview")
        return context


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _markdown(form, *names):
    for name in names:
        if name in form.fields:
            form.fields[name].widget = MarkdownTextarea()
            form.fields[name].help_text = MARKDOWN_HINT


def _short_markdown(form, name):
    """A short Markdown text edited in place on the roadmap page: three rows, no preview."""
    form.fields[name].widget = forms.Textarea(attrs={"rows": 3})
    form.fields[name].help_text = MARKDOWN_HINT


class ContentFormMixin:
    """A form of the workspace: the `markdown_fields` get the preview widget and the hint;
    `live_choices` (field name -> manager or queryset) offer only rows that are not archived."""

    markdown_fields: tuple[str, ...] = ()
    live_choices: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, rows in self.live_choices.items():
            self.fields[name].queryset = rows.live()
        _markdown(self, *self.markdown_fields)


class ContentForm(ContentFormMixin, VersionedModelForm):
    """An edit form of the workspace (it carries the loaded version)."""


class ServiceUniqueMixin:
    """A form whose service checks uniqueness itself (with its own message, or allowing an
    archived row to come back): the model's unique constraints are not checked on the form."""

    def validate_unique(self):
        pass


def _parse_figure_number(text: str) -> int | float:
    """A number as written in Germany ("2.800", "6.200.000.000", "1,5") or with a point ("1.5")."""
    raw = text.replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")  # thousands separators
    number = Decimal(raw)  # InvalidOperation for anything else
    if not number.is_finite():
        raise InvalidOperation
    return int(number) if number == number.to_integral_value() else float(number)


class KeyFiguresField(forms.CharField):
    """The key figures of a field (a JSON list) as lines "Kennzahl | Wert | Stand | Quelle"."""

    widget = forms.Textarea(attrs={"rows": 6})
    COLUMNS = ("label", "value", "period_label", "source")

    def prepare_value(self, value):
        return key_figures_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        figures = []
        errors = []
        for number, line in enumerate(super().to_python(value).splitlines(), 1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if not 2 <= len(parts) <= 4 or not parts[0] or not parts[1]:
                errors.append(
                    _(
                        "Zeile %(line)s: Bitte „Kennzahl | Wert | Stand | Quelle“ angeben "
                        "(Stand und Quelle dürfen fehlen)."
                    )
                    % {"line": number}
                )
                continue
            parts += [""] * (4 - len(parts))
            try:
                parsed = _parse_figure_number(parts[1])
            except (InvalidOperation, ValueError):
                errors.append(
                    _("Zeile %(line)s: „%(value)s“ ist keine Zahl.")
                    % {"line": number, "value": parts[1]}
                )
                continue
            figures.append(
                dict(zip(self.COLUMNS, [parts[0], parsed, parts[2], parts[3]], strict=True))
            )
        if errors:
            raise forms.ValidationError(errors)
        return figures


class FieldForm(ContentForm):
    markdown_fields = ("profile",)
    # Key figures are edited here like every other field: history, version check and merge
    # come from the kernel (`VersionedFormMixin`); the model keeps the JSON list.
    key_figures = KeyFiguresField(
        label=_("Kennzahlen"),
        required=False,
        help_text=_(
            "Eine Kennzahl je Zeile: Kennzahl | Wert | Stand | Quelle, z. B. „Unternehmen | "
            "2.800 | 2020 | TLS“. Zahlen wie im Deutschen üblich (1.234,5); Stand und Quelle "
            "dürfen fehlen."
        ),
    )

    class Meta:
        model = models.SpecializationField
        fields = ["name", "name_en", "profile", "key_figures"]


class ThemeForm(ContentForm):
    markdown_fields = ("description",)
    live_choices = {
        "field": models.SpecializationField.objects,
        "related_fields": models.SpecializationField.objects,
    }

    class Meta:
        model = models.Theme
        fields = [
            "field",
            "name",
            "name_en",
            "slug",
            "status",
            "related_fields",
            "potentials",
            "description",
            "source_note",
        ]
        widgets = {
            "related_fields": forms.CheckboxSelectMultiple,
            "potentials": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Nur Kleinbuchstaben, Ziffern und Bindestriche, z. B. „ips-photonik“."),
            "related_fields": _("Für feldübergreifende Themen: die weiteren betroffenen Felder."),
        }

    def clean(self):
        cleaned = super().clean()
        field = cleaned.get("field")
        related = cleaned.get("related_fields")
        if field and related and field in related:
            self.add_error(
                "related_fields",
                _("Das Hauptfeld kann nicht zugleich weiteres Feld sein."),
            )
        return cleaned


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class AssessmentForm(VersionedModelForm):
    class Meta:
        model = models.RelevanceAssessment
        fields = [name for name, _label in ASSESSMENT_CRITERIA] + ["justification", "assessed_on"]
        widgets = {
            **{name: forms.RadioSelect(choices=SCORE_CHOICES) for name, _l in ASSESSMENT_CRITERIA},
            "assessed_on": DateInput,
        }
        help_texts = {
            name: _("1 = trifft kaum zu, 5 = trifft voll zu") for name, _l in ASSESSMENT_CRITERIA
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _label in ASSESSMENT_CRITERIA:
            field = self.fields[name]
            self.fields[name] = forms.TypedChoiceField(
                label=field.label,
                help_text=field.help_text,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
        _markdown(self, "justification")


class ActorForm(ContentForm):
    markdown_fields = ("description",)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = models.Actor
        fields = ["name", "kind", "city", "postcode", "website", "fields", "description"]
        widgets = {"fields": forms.CheckboxSelectMultiple}


class NetworkForm(ContentForm):
    markdown_fields = ("description",)
    live_choices = {"theme": models.Theme.objects.select_related("field")}

    class Meta:
        model = models.ValueNetwork
        fields = ["theme", "name", "slug", "description"]


class MembershipForm(ServiceUniqueMixin, ContentFormMixin, forms.ModelForm):
    """Adds an actor to a network; re-adding an archived member is allowed (the service decides)."""

    live_choices = {"actor": models.Actor.objects}

    class Meta:
        model = models.NetworkMembership
        fields = ["actor", "role", "note"]
        labels = {"actor": _("Akteur")}


class MembershipEditForm(VersionedModelForm):
    class Meta:
        model = models.NetworkMembership
        fields = ["role", "note"]


class NeedForm(ContentForm):
    markdown_fields = ("description",)
    live_choices = {
        "theme": models.Theme.objects.select_related("field"),
        "network": models.ValueNetwork.objects,
    }

    # A text field that reads the number in the UI's locale: "4,5" is 4.5 with the UI in German.
    # (A type="number" input let the browser turn "4,5" into 45 or refuse it, depending on the
    # browser's own locale, and the server read no decimal comma.)
    priority = forms.DecimalField(
        label=_("Priorität"),
        required=False,
        min_value=1,
        max_value=5,
        max_digits=3,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_(
            "1 bis 5; wird in der Regel aus den Priorisierungsrunden der Beiräte übernommen."
        ),
    )

    class Meta:
        model = models.Need
        fields = ["theme", "network", "kind", "title", "status", "priority", "description"]


class RoadmapCreateForm(ServiceUniqueMixin, ContentFormMixin, forms.ModelForm):
    """A new roadmap; the service checks "one current roadmap per network" with a clear message."""

    markdown_fields = ("summary",)
    live_choices = {"network": models.ValueNetwork.objects}

    class Meta:
        model = models.Roadmap
        fields = ["network", "title", "summary"]


class RoadmapForm(ContentForm):
    markdown_fields = ("summary",)

    class Meta:
        model = models.Roadmap
        fields = ["title", "summary"]


class CommentForm(forms.ModelForm):
    class Meta:
        model = models.RoadmapComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class ActionFieldForm(VersionedModelForm):
    class Meta:
        model = models.ActionField
        fields = ["title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _short_markdown(self, "description")


class MeasureForm(VersionedModelForm):
    class Meta:
        model = models.Measure
        fields = [
            "title",
            "description",
            "status",
            "start",
            "end",
            "responsible_actors",
            "needs",
        ]
        widgets = {
            "start": DateInput,
            "end": DateInput,
            "responsible_actors": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, roadmap: models.Roadmap | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        roadmap = roadmap or (self.instance.action_field.roadmap if self.instance.pk else None)
        _short_markdown(self, "description")
        actors = models.Actor.objects.live()
        needs = models.Need.objects.live()
        if roadmap is not None:
            network = roadmap.network
            actors = actors.filter(network_memberships__network=network).distinct()
            needs = needs.filter(theme_id=network.theme_id)
        self.fields["responsible_actors"].queryset = actors
        self.fields["needs"].queryset = needs
        self.fields["responsible_actors"].help_text = _("Mitglieder des Netzwerks.")
        self.fields["needs"].help_text = _("Handlungsbedarfe und Engpässe des Themas.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


# --- list filters ---------------------------------------------------------------------------


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False)
    archived = forms.BooleanField(label=_("Archivierte anzeigen"), required=False)

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "field" in self.fields:
            queryset = models.SpecializationField.objects.live()
            ids = roles.internal_field_ids() if roles is not None else None
            if ids is not None:
                queryset = queryset.filter(pk__in=ids)
            self.fields["field"].queryset = queryset


def _choice_filter(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", _("alle"))] + list(choices))


def _status_filter(choices):
    return _choice_filter(_("Status"), choices)


def _field_filter():
    return forms.ModelChoiceField(
        label=_("Spezialisierungsfeld"),
        required=False,
        queryset=models.SpecializationField.objects.none(),
        empty_label=_("alle"),
    )


class ThemeFilterForm(FilterForm):
    field = _field_filter()
    status = _status_filter(models.Theme.Status.choices)


class ActorFilterForm(FilterForm):
    kind = _choice_filter(_("Art"), models.Actor.Kind.choices)


class NetworkFilterForm(FilterForm):
    field = _field_filter()


class NeedFilterForm(FilterForm):
    field = _field_filter()
    kind = _choice_filter(_("Art"), models.Need.Kind.choices)
    status = _status_filter(models.Need.Status.choices)


class RoadmapFilterForm(FilterForm):
    field = _field_filter()
    status = _status_filter(models.Roadmap.Status.choices)


class MeasureFilterForm(FilterForm):
    field = _field_filter()
    status = _status_filter(models.Measure.Status.choices)
