"""Evidence for the strategy: activities, indicators with values and targets, import batches."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.models import VersionedModel, live_q
from ris_portal.numbers import format_number


class Indicator(VersionedModel):
    class Kind(models.TextChoices):
        CONTEXT = "kontext", _("Kontext")
        OUTPUT = "output", _("Output")
        RESULT = "ergebnis", _("Ergebnis")

    class Level(models.TextChoices):
        REGION = "land", _("Land")
        FIELD = "feld", _("Feld")
        PROGRAMME = "programm", _("Programm")
        PROJECT = "projekt", _("Projekt")

    class Direction(models.TextChoices):
        HIGHER = "hoeher", _("höher ist besser")
        LOWER = "niedriger", _("niedriger ist besser")
        NEUTRAL = "neutral", _("neutral")

    code = models.CharField(_("Code"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=300)
    name_en = models.CharField(_("Name (englisch)"), max_length=300, blank=True)
    unit = models.CharField(_("Einheit"), max_length=60, blank=True)
    kind = modelfields.choice_field(_("Art"), Kind)
    level = modelfields.choice_field(_("Ebene"), Level)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    direction = modelfields.choice_field(_("Richtung"), Direction, default=Direction.HIGHER)
    erdf_code = models.CharField(_("EFRE-Code"), max_length=20, blank=True)
    description = modelfields.markdown_field(_("Definition (Markdown)"))
    measures = models.ManyToManyField(
        "fields.Measure",
        blank=True,
        related_name="indicators",
        verbose_name=_("beeinflusst durch Maßnahmen"),
    )
    _history_m2m_fields = ["measures"]

    class Meta:
        ordering = ["code"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class ImportBatch(models.Model):
    """One spreadsheet upload: previewed, then imported in one transaction, maybe rolled back."""

    class Kind(models.TextChoices):
        ACTIVITIES = "activities", _("Aktivitäten")
        INDICATOR_VALUES = "indicator-values", _("Indikatorwerte")
        ACTORS = "actors", _("Akteure")

    class Status(models.TextChoices):
        PREVIEW = "vorschau", _("Vorschau")
        IMPORTED = "importiert", _("importiert")
        ROLLED_BACK = "zurueckgerollt", _("zurückgerollt")

    kind = modelfields.choice_field(_("Art"), Kind)
    status = modelfields.status_field(Status, Status.PREVIEW)
    file_name = models.CharField(_("Dateiname"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The uploaded file itself (size-limited), so that confirm imports exactly what was previewed.
    content = models.BinaryField(_("Dateiinhalt"), editable=False)
    created_by = modelfields.user_fk(_("hochgeladen von"), optional=True)
    created_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    imported_at = modelfields.optional_datetime(_("importiert am"))
    rolled_back_at = modelfields.optional_datetime(_("zurückgerollt am"))
    rolled_back_by = modelfields.user_fk(_("zurückgerollt von"), optional=True)
    new_count = models.PositiveIntegerField(_("neu"), default=0)
    changed_count = models.PositiveIntegerField(_("geändert"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unverändert"), default=0)
    # {"created": [pk, …], "changed": {pk: {field: old value, …}, …}} for the rollback.
    undo = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Importvorgang")
        verbose_name_plural = _("Importvorgänge")

    def __str__(self) -> str:
        created = timezone.localtime(self.created_at)
        return f"{self.get_kind_display()}: {self.file_name} ({created:%d.%m.%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:import_detail", kwargs={"pk": self.pk})


class Activity(VersionedModel):
    """Aktivität: something that happened to implement the strategy."""

    HISTORY_NOT_RESTORED = ("import_batch",)  # the import that created a row stays its origin

    class Kind(models.TextChoices):
        EVENT = "veranstaltung", _("Veranstaltung")
        RD_PROJECT = "fue-projekt", _("FuE-Projekt")
        NETWORK_MEETING = "netzwerktreffen", _("Netzwerktreffen")
        STUDY = "studie", _("Studie")
        CALL = "foerderaufruf", _("Förderaufruf")
        ADVICE = "beratung", _("Beratung")
        OTHER = "sonstiges", _("Sonstiges")

    class FundingSource(models.TextChoices):
        LAND = "land", _("Land")
        BUND = "bund", _("Bund")
        EU = "eu", _("EU")
        PRIVATE = "privat", _("privat")

    reference = models.CharField(
        _("Kennung"),
        max_length=40,
        blank=True,
        help_text=_(
            "Eindeutige Kennung, z. B. aus dem Fördersystem; Importe erkennen daran "
            "bereits vorhandene Aktivitäten."
        ),
    )
    kind = modelfields.choice_field(_("Art"), Kind)
    title = modelfields.title_field(300)
    description = modelfields.markdown_field()
    start_date = models.DateField(_("Beginn"))
    end_date = modelfields.optional_date(_("Ende"))
    fields = models.ManyToManyField(
        "fields.SpecializationField",
        blank=True,
        related_name="activities",
        verbose_name=_("Spezialisierungsfelder"),
    )
    themes = models.ManyToManyField(
        "fields.Theme", blank=True, related_name="activities", verbose_name=_("Themen")
    )
    measure = modelfields.optional_fk("fields.Measure", "activities", _("setzt Maßnahme um"))
    actors = models.ManyToManyField(
        "fields.Actor", blank=True, related_name="activities", verbose_name=_("Akteure")
    )
    participants = models.PositiveIntegerField(_("Teilnehmende"), null=True, blank=True)
    funding_amount = models.DecimalField(
        _("Fördersumme (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = modelfields.choice_field(
        _("Förderquelle"), FundingSource, max_length=10, blank=True
    )
    import_batch = modelfields.optional_fk(ImportBatch, "activities", _("Herkunft (Import)"))
    # The fields are tracked too: a report as of a Stichtag groups activities by field.
    _history_m2m_fields = ["fields"]

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference="") & live_q(),
                name="activity_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="activity_funding_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:activity_update", kwargs={"pk": self.pk})

    @property
    def origin_label(self) -> str:
        return _("Import") if self.import_batch_id else _("erfasst")


def _places(value) -> int:
    """The decimal places a number needs (425.1000 → 1)."""
    if value is None:
        return 0
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(0, -int(exponent)) if isinstance(exponent, int) else 0


class IndicatorValue(VersionedModel):
    """The value of an indicator in a year, for Thuringia (no field) or for one field."""

    # The import link stays; a restore writes its own reason into the history entry.
    HISTORY_NOT_RESTORED = ("import_batch", "change_reason")

    class Status(models.TextChoices):
        PROVISIONAL = "vorlaeufig", _("vorläufig")
        FINAL = "endgueltig", _("endgültig")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("Indikator")
    )
    field = modelfields.optional_fk(
        "fields.SpecializationField",
        "indicator_values",
        _("Spezialisierungsfeld"),
        help_text=_("Leer lassen für einen Wert für ganz Thüringen."),
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    value = models.DecimalField(_("Wert"), max_digits=18, decimal_places=4)
    status = modelfields.status_field(Status, Status.PROVISIONAL)
    source_note = models.CharField(_("Quellenhinweis"), max_length=300, blank=True)
    change_reason = models.TextField(_("Begründung der Änderung"), blank=True)
    is_sample = models.BooleanField(_("Beispielwert"), default=False)
    import_batch = modelfields.optional_fk(ImportBatch, "indicator_values", _("Herkunft (Import)"))

    class Meta:
        ordering = ["indicator__code", "field__order", "year"]
        verbose_name = _("Indikatorwert")
        verbose_name_plural = _("Indikatorwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(field__isnull=True) & live_q(),
                name="indicator_value_unique_region",
            ),
            models.UniqueConstraint(
                fields=["indicator", "field", "year"],
                condition=Q(field__isnull=False) & live_q(),
                name="indicator_value_unique_field",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="indicator_value_year"
            ),
        ]

    def __str__(self) -> str:
        # The stored value has four decimal places: "425,1", not "425.1000" (titles, history).
        return (
            f"{self.indicator.code} {self.year}: {format_number(self.value, _places(self.value))}"
        )


class Target(VersionedModel):
    """Baseline and target of an indicator (for Thuringia or one field), with a tolerance."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("Indikator")
    )
    field = modelfields.optional_fk(
        "fields.SpecializationField", "indicator_targets", _("Spezialisierungsfeld")
    )
    baseline_year = models.PositiveSmallIntegerField(_("Basisjahr"))
    baseline_value = models.DecimalField(_("Basiswert"), max_digits=18, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("Zieljahr"))
    target_value = models.DecimalField(_("Zielwert"), max_digits=18, decimal_places=4)
    tolerance_percent = models.DecimalField(
        _("Toleranz (%)"),
        max_digits=5,
        decimal_places=2,
        default=15,
        help_text=_("Abweichung vom Plan, die noch als „auf Kurs“ gilt."),
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator__code", "field__order"]
        verbose_name = _("Zielwert")
        verbose_name_plural = _("Zielwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator"],
                condition=Q(field__isnull=True) & live_q(),
                name="target_unique_region",
            ),
            models.UniqueConstraint(
                fields=["indicator", "field"],
                condition=Q(field__isnull=False) & live_q(),
                name="target_unique_field",
            ),
            models.CheckConstraint(
                condition=Q(target_year__gt=models.F("baseline_year")),
                name="target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(tolerance_percent__gte=0) & Q(tolerance_percent__lte=100),
                name="target_tolerance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.target_value} ({self.target_year})"


class YearLock(models.Model):
    """A year whose indicator values may no longer change (its annual report is published)."""

    class Cause(models.TextChoices):
        REPORT = "bericht", _("Monitoringbericht veröffentlicht")
        MANUAL = "manuell", _("von Hand gesperrt")

    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    # Why the year is locked: the refusal names the cause (a manual lock is no publication).
    cause = modelfields.choice_field(_("Grund"), Cause, max_length=10, default=Cause.MANUAL)
    locked_at = models.DateTimeField(_("gesperrt am"), auto_now_add=True)
    locked_by = modelfields.user_fk(_("gesperrt von"), optional=True)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("gesperrtes Berichtsjahr")
        verbose_name_plural = _("gesperrte Berichtsjahre")

    def __str__(self) -> str:
        return str(self.year)

    def refusal(self) -> str:
        """Why a value of this year cannot change, for the form, the import and the API."""
        if self.cause == self.Cause.REPORT:
            return gettext(
                "Das Jahr %(year)s ist gesperrt, weil sein Monitoringbericht veröffentlicht ist; "
                "seine Werte können nicht mehr geändert werden."
            ) % {"year": self.year}
        return gettext(
            "Das Jahr %(year)s ist gesperrt (am %(date)s von Hand durch die Geschäftsstelle, "
            "nicht durch einen veröffentlichten Bericht); seine Werte können nicht mehr geändert "
            "werden."
        ) % {"year": self.year, "date": timezone.localtime(self.locked_at).strftime("%d.%m.%Y")}


class ValidationRule(VersionedModel):
    """Prüfregel of an indicator: what a plausible value looks like and which values are due.

    The plausibility limits (minimum, maximum, allowed change against the previous year) raise
    warnings that a person confirms with a reason (`QualityConfirmation`); the expected
    breakdowns (Thuringia as a whole, required fields, from `first_year` on) drive the
    completeness matrix and the gaps listed in the report's appendix. See
    `monitoring.validation` for the checks and `monitoring.completeness` for the matrix.
    """

    indicator = models.OneToOneField(
        Indicator,
        on_delete=models.CASCADE,
        related_name="validation_rule",
        verbose_name=_("Indikator"),
    )
    min_value = models.DecimalField(
        _("Mindestwert"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("Höchstwert"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    max_change_percent = models.DecimalField(
        _("zulässige Veränderung zum Vorjahr (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Weicht ein Wert stärker vom Wert desselben Geltungsbereichs im Vorjahr ab, muss die "
            "Eingabe begründet werden. Leer lassen für den Standardwert von 50 %."
        ),
    )
    requires_statewide = models.BooleanField(
        _("Wert für Thüringen insgesamt erforderlich"), default=True
    )
    required_fields = models.ManyToManyField(
        "fields.SpecializationField",
        blank=True,
        related_name="+",
        verbose_name=_("Pflicht-Aufschlüsselung nach Spezialisierungsfeldern"),
        help_text=_("Für diese Felder wird jedes Jahr ein eigener Wert erwartet."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("erhoben ab Jahr"),
        null=True,
        blank=True,
        help_text=_(
            "Werte werden ab diesem Jahr erwartet. Leer: ab dem ersten Jahr mit einem Wert oder "
            "dem Basisjahr des Ziels."
        ),
    )
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    _history_m2m_fields = ["required_fields"]

    class Meta:
        ordering = ["indicator__code"]
        verbose_name = _("Prüfregel")
        verbose_name_plural = _("Prüfregeln")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="validation_rule_min_below_max",
            ),
            models.CheckConstraint(
                condition=Q(max_change_percent__isnull=True) | Q(max_change_percent__gte=0),
                name="validation_rule_change_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | (Q(first_year__gte=1990) & Q(first_year__lte=2100)),
                name="validation_rule_first_year",
            ),
        ]

    def __str__(self) -> str:
        return _("Prüfregel %(code)s") % {"code": self.indicator.code}

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator_manage", kwargs={"pk": self.indicator_id})


class QualityConfirmation(models.Model):
    """A plausibility warning that a person saw and confirmed with a reason (append-only).

    Written in the same transaction as the value it confirms, by the value form, the import
    and the API alike (`monitoring.services.indicator_value_save`, `import_batch_confirm`).
    """

    class Source(models.TextChoices):
        FORM = "formular", _("Eingabeformular")
        IMPORT = "import", _("Import")
        API = "api", _("Schnittstelle")

    value = models.ForeignKey(
        IndicatorValue,
        on_delete=models.PROTECT,
        related_name="quality_confirmations",
        verbose_name=_("Indikatorwert"),
    )
    # The number that was confirmed (the value may be corrected later).
    checked_value = models.DecimalField(_("bestätigter Wert"), max_digits=18, decimal_places=4)
    # [{"code": …, "params": {…}}, …]; the text is produced in the reader's language on display.
    warnings = models.JSONField(_("Warnungen"), default=list)
    reason = models.TextField(_("Begründung"))
    source = modelfields.choice_field(_("Herkunft"), Source)
    import_batch = modelfields.optional_fk(ImportBatch, "quality_confirmations", _("Import"))
    confirmed_by = modelfields.user_fk(_("bestätigt von"), optional=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), default=timezone.now)

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        verbose_name = _("bestätigte Plausibilitätswarnung")
        verbose_name_plural = _("bestätigte Plausibilitätswarnungen")

    def __str__(self) -> str:
        return f"{self.value} ({timezone.localtime(self.confirmed_at):%d.%m.%Y})"

    @property
    def messages(self) -> list[str]:
        from .validation import describe

        return [describe(item) for item in self.warnings]
