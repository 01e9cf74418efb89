from django import forms
from django.utils.translation import gettext_lazy as _

from fields.models import Actor, Measure, SpecializationField, Theme
from ris_portal.concurrency import VersionedModelForm
from ris_portal.forms import RadioChoiceField, TextareaField

from .importing import CellError, parse_decimal
from .models import Activity, ImportBatch, Indicator, IndicatorValue, Target, ValidationRule


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
    kind = RadioChoiceField(
        label=_("Was möchten Sie importieren?"), choices=ImportBatch.Kind.choices
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
        queryset=SpecializationField.objects.live(),
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


def measure_choices_grouped(measures) -> list:
    """Measures grouped by field and roadmap (one <optgroup> each), in field order.

    A bare list of measure titles is ambiguous: the same title can stand in several roadmaps.
    """
    ordered = sorted(
        measures,
        key=lambda m: (
            m.action_field.roadmap.network.theme.field.order,
            m.action_field.roadmap.title,
            m.action_field.roadmap.number,
            m.action_field.order,
            m.order,
            m.pk,
        ),
    )
    groups: dict[str, list] = {}
    for measure in ordered:
        roadmap = measure.action_field.roadmap
        label = f"{roadmap.network.theme.field.name} – {roadmap}"
        groups.setdefault(label, []).append((measure.pk, measure.title))
    return [("", "---------"), *groups.items()]


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
        self.fields["fields"].queryset = SpecializationField.objects.live()
        self.fields["themes"].queryset = Theme.objects.live().select_related("field")
        self.fields["actors"].queryset = Actor.objects.live()
        measures = Measure.objects.live().select_related(
            "action_field__roadmap__network__theme__field"
        )
        self.fields["measure"].queryset = measures
        self.fields["measure"].choices = measure_choices_grouped(measures)
        _german_decimals(self, "funding_amount")


class _IndicatorScopeForm(VersionedModelForm):
    """A value or target of one indicator, for Thuringia as a whole or one live field."""

    decimal_fields: tuple[str, ...] = ()

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.instance.indicator = indicator
        self.fields["field"].queryset = SpecializationField.objects.live()
        self.fields["field"].empty_label = _("Thüringen insgesamt")
        _german_decimals(self, *self.decimal_fields)


class IndicatorValueForm(_IndicatorScopeForm):
    reason = TextareaField(
        label=_("Begründung der Änderung"),
        required=False,
        help_text=_("Pflicht, wenn Sie einen endgültigen Wert ändern; sie bleibt im Verlauf."),
        rows=2,
    )

    # Shown only after the value raised plausibility warnings (see `ask_for_confirmation`).
    quality_reason = forms.CharField(
        label=_("Begründung für den auffälligen Wert"),
        required=False,
        widget=forms.HiddenInput,
        help_text=_(
            "Warum ist der Wert trotz der Warnung richtig (z. B. Quelle, Sondereffekt)? Die "
            "Begründung wird gespeichert und ist im Prüfprotokoll des Indikators sichtbar."
        ),
    )
    quality_fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = IndicatorValue
        fields = ["field", "year", "value", "status", "source_note"]

    decimal_fields = ("value",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.data.get(self.add_prefix("quality_fingerprint")):
            self._show_quality_reason()

    def _show_quality_reason(self) -> None:
        self.fields["quality_reason"].widget = forms.Textarea(attrs={"rows": 3})

    def ask_for_confirmation(self, error) -> None:
        """The value raised warnings: show the reason field, remember what was shown."""
        self._show_quality_reason()
        data = self.data.copy()
        data[self.add_prefix("quality_fingerprint")] = error.fingerprint
        self.data = data
        self.add_error(
            "quality_reason",
            _(
                "Bitte prüfen Sie den Wert. Wenn er stimmt, begründen Sie ihn hier und speichern "
                "Sie erneut."
            ),
        )


class TargetForm(_IndicatorScopeForm):
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

    decimal_fields = ("baseline_value", "target_value", "tolerance_percent")


class YearLockForm(forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), min_value=1990, max_value=2100)
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=300)
    confirm = forms.BooleanField(
        label=_(
            "Ich bestätige: Die Werte dieses Jahres können danach weder bearbeitet noch "
            "importiert werden."
        )
    )


class ValidationRuleForm(VersionedModelForm):
    class Meta:
        model = ValidationRule
        fields = [
            "min_value",
            "max_value",
            "max_change_percent",
            "requires_statewide",
            "required_fields",
            "first_year",
            "note",
        ]
        widgets = {"required_fields": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_fields"].queryset = SpecializationField.objects.live()
        _german_decimals(self, "min_value", "max_value", "max_change_percent")
        self.fields["max_change_percent"].min_value = 0

    def clean(self):
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_value", _("Der Höchstwert muss mindestens so groß sein wie der Mindestwert.")
            )
        change = data.get("max_change_percent")
        if change is not None and change < 0:
            self.add_error(
                "max_change_percent", _("Die zulässige Veränderung darf nicht negativ sein.")
            )
        year = data.get("first_year")
        if year is not None and not 1990 <= year <= 2100:
            self.add_error("first_year", _("Bitte geben Sie ein Jahr zwischen 1990 und 2100 an."))
        return data


MAX_MATRIX_YEARS = 15


class CompletenessFilterForm(forms.Form):
    """Filters of the completeness matrix; invalid input falls back to the defaults."""

    first = forms.IntegerField(label=_("von Jahr"), min_value=1990, max_value=2100, required=False)
    last = forms.IntegerField(label=_("bis Jahr"), min_value=1990, max_value=2100, required=False)
    scope = forms.ChoiceField(label=_("Geltungsbereich"), required=False)
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle")), *Indicator.Kind.choices], required=False
    )
    gaps = forms.BooleanField(label=_("nur Zeilen mit Lücken"), required=False)

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            ("", _("alle")),
            ("land", _("Thüringen insgesamt")),
            *[(f.slug, f.name) for f in fields],
        ]

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first is not None and last is not None:
            if first > last:
                self.add_error("last", _("Das Endjahr darf nicht vor dem Anfangsjahr liegen."))
            elif last - first >= MAX_MATRIX_YEARS:
                self.add_error(
                    "last",
                    _("Bitte wählen Sie höchstens %(count)s Jahre.") % {"count": MAX_MATRIX_YEARS},
                )
        return data


class ConfirmationFilterForm(forms.Form):
    indikator = forms.CharField(label=_("Indikatorcode"), required=False, max_length=40)
