from django import forms
from django.utils.translation import gettext_lazy as _

from fields.models import Actor, Measure, SpecializationField, Theme
from ris_portal.concurrency import VersionedModelForm

from .importing import CellError, parse_decimal
from .models import Activity, ImportBatch, IndicatorValue, Target


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class GermanDecimalField(forms.DecimalField):
    """Accepts what people type in Germany: 1.234,5 as well as 1234.5."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value)
        except CellError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


def _german_decimals(form, *names):
    for name in names:
        old = form.fields[name]
        form.fields[name] = GermanDecimalField(
            label=old.label,
            required=old.required,
            help_text=old.help_text,
            max_digits=old.max_digits,
            decimal_places=old.decimal_places,
            min_value=getattr(old, "min_value", None),
        )


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Was möchten Sie importieren?"),
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        allow_empty_file=True,  # the import explains what is wrong with the file
        max_length=255,
        help_text=_(
            "Die erste Zeile enthält die Spaltennamen wie in der Vorlage. Nach dem Hochladen "
            "sehen Sie eine Vorschau; importiert wird erst nach Ihrer Bestätigung."
        ),
    )


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False)
    field = forms.ModelChoiceField(
        label=_("Spezialisierungsfeld"),
        queryset=SpecializationField.objects.filter(is_archived=False),
        required=False,
        empty_label=_("alle"),
    )
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle")), *Activity.Kind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Jahr"), coerce=int, required=False, empty_value=None)
    source = forms.ChoiceField(
        label=_("Förderquelle"),
        choices=[("", _("alle")), *Activity.FundingSource.choices],
        required=False,
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("alle")), *[(y, y) for y in years]]


class ActivityForm(VersionedModelForm):
    class Meta:
        model = Activity
        fields = [
            "reference",
            "kind",
            "title",
            "description",
            "start_date",
            "end_date",
            "fields",
            "themes",
            "measure",
            "actors",
            "participants",
            "funding_amount",
            "funding_source",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = SpecializationField.objects.filter(is_archived=False)
        self.fields["themes"].queryset = Theme.objects.filter(is_archived=False).select_related(
            "field"
        )
        self.fields["actors"].queryset = Actor.objects.filter(is_archived=False)
        self.fields["measure"].queryset = Measure.objects.filter(is_archived=False)
        _german_decimals(self, "funding_amount")


class IndicatorValueForm(VersionedModelForm):
    reason = forms.CharField(
        label=_("Begründung der Änderung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pflicht, wenn Sie einen endgültigen Wert ändern; sie bleibt im Verlauf."),
    )

    class Meta:
        model = IndicatorValue
        fields = ["field", "year", "value", "status", "source_note"]

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.instance.indicator = indicator
        self.fields["field"].queryset = SpecializationField.objects.filter(is_archived=False)
        self.fields["field"].empty_label = _("Thüringen insgesamt")
        _german_decimals(self, "value")


class TargetForm(VersionedModelForm):
    class Meta:
        model = Target
        fields = [
            "field",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "tolerance_percent",
            "note",
        ]

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.instance.indicator = indicator
        self.fields["field"].queryset = SpecializationField.objects.filter(is_archived=False)
        self.fields["field"].empty_label = _("Thüringen insgesamt")
        _german_decimals(self, "baseline_value", "target_value", "tolerance_percent")


class YearLockForm(forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=1990, max_value=2100)
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=300)
    confirm = forms.BooleanField(
        label=_(
            "Ich bestätige: Die Werte dieses Jahres können danach weder bearbeitet noch "
            "importiert werden."
        )
    )


class VersionConfirmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
