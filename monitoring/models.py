"""Evidence for the strategy: indicators (more monitoring models follow in later issues)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ris_portal.models import VersionedModel


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
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    direction = models.CharField(
        _("Richtung"), max_length=20, choices=Direction.choices, default=Direction.HIGHER
    )
    erdf_code = models.CharField(_("EFRE-Code"), max_length=20, blank=True)
    description = models.TextField(_("Definition (Markdown)"), blank=True)
    measures = models.ManyToManyField(
        "fields.Measure",
        blank=True,
        related_name="indicators",
        verbose_name=_("beeinflusst durch Maßnahmen"),
    )
    history = HistoricalRecords(m2m_fields=[measures])

    class Meta:
        ordering = ["code"]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"
