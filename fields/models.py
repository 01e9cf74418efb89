"""The content of the strategy: fields, themes, actors, value networks, needs and roadmaps."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.models import TimeStampedModel, VersionedModel
from ris_portal.numbers import format_number


def _figure_number_text(value) -> str:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        exact = Decimal(str(value)).normalize()
        places = max(0, -int(exact.as_tuple().exponent))
        return format_number(exact, places)
    return str(value or "")


def key_figures_text(figures) -> str:
    """Key figures as lines "Kennzahl | Wert | Stand | Quelle" (the form and the history).

    The column order is fixed here: PostgreSQL's jsonb does not keep the order of the keys.
    """
    return "\n".join(
        " | ".join(
            [
                str(figure.get("label") or figure.get("metric") or ""),
                _figure_number_text(figure.get("value")),
                str(figure.get("period_label") or ""),
                str(figure.get("source") or ""),
            ]
        ).rstrip(" |")
        for figure in figures or []
        if isinstance(figure, dict)
    )


class SpecializationField(VersionedModel):
    """One of the five Spezialisierungsfelder of the RIS Thüringen."""

    HISTORY_DISPLAY = {"key_figures": key_figures_text}

    slug = models.SlugField(_("Kürzel (URL)"), max_length=80, unique=True)
    code = models.CharField(_("Code"), max_length=10, unique=True)
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (englisch)"), max_length=200, blank=True)
    profile = modelfields.markdown_field(_("Profil (Markdown)"))
    # Key figures as published by ThCM: [{"metric", "value", "period_label", "source"}, …].
    key_figures = models.JSONField(_("Kennzahlen"), default=list, blank=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("Spezialisierungsfeld")
        verbose_name_plural = _("Spezialisierungsfelder")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fields:field_public", kwargs={"slug": self.slug})


class DevelopmentPotential(models.Model):
    """Tag for the development potentials of RIS 2021–2027 (FuE, Fachkräfte, …)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (englisch)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("Entwicklungspotenzial")
        verbose_name_plural = _("Entwicklungspotenziale")

    def __str__(self) -> str:
        return self.name


class Theme(VersionedModel):
    class Status(models.TextChoices):
        CANDIDATE = "kandidat", _("Kandidat")
        ACTIVE = "aktiv", _("aktiv")
        HIGHLIGHT = "highlight", _("Highlight")
        DORMANT = "ruhend", _("ruhend")

    field = models.ForeignKey(
        SpecializationField,
        on_delete=models.PROTECT,
        related_name="themes",
        verbose_name=_("Spezialisierungsfeld"),
    )
    related_fields = models.ManyToManyField(
        SpecializationField,
        blank=True,
        related_name="cross_themes",
        verbose_name=_("weitere Felder (feldübergreifend)"),
    )
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    name_en = models.CharField(_("Name (englisch)"), max_length=200, blank=True)
    description = modelfields.markdown_field()
    status = modelfields.status_field(Status, Status.CANDIDATE)
    potentials = models.ManyToManyField(
        DevelopmentPotential,
        blank=True,
        related_name="themes",
        verbose_name=_("Entwicklungspotenziale"),
    )
    source_note = models.CharField(_("Quelle"), max_length=300, blank=True)
    _history_m2m_fields = ["related_fields", "potentials"]

    class Meta:
        ordering = ["field__order", "name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self) -> str:
        return self.name

    @property
    def is_highlight(self) -> bool:
        return self.status == self.Status.HIGHLIGHT

    def get_absolute_url(self) -> str:
        return reverse("fields:theme_detail", kwargs={"pk": self.pk})


# The four relevance criteria of the strategy, in the order the strategy names them.
ASSESSMENT_CRITERIA = (
    ("specialisation_advantage", _("Erkennbare Spezialisierungsvorteile für Thüringen")),
    ("actor_base", _("Ausreichend wissenschaftliche und/oder wirtschaftliche Akteure")),
    ("application_relevance", _("Hohe Anwendungsrelevanz für künftige Herausforderungen")),
    ("growth_potential", _("Hohes Zukunfts- und Wachstumspotenzial")),
)


class RelevanceAssessment(VersionedModel):
    """A theme scored 1–5 on the four relevance criteria of the strategy."""

    CRITERIA = ASSESSMENT_CRITERIA

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("Thema")
    )
    specialisation_advantage = models.PositiveSmallIntegerField(CRITERIA[0][1])
    actor_base = models.PositiveSmallIntegerField(CRITERIA[1][1])
    application_relevance = models.PositiveSmallIntegerField(CRITERIA[2][1])
    growth_potential = models.PositiveSmallIntegerField(CRITERIA[3][1])
    justification = models.TextField(_("Begründung"))
    author = modelfields.user_fk(_("bewertet von"))
    assessed_on = models.DateField(_("Datum der Bewertung"))

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("Relevanzbewertung")
        verbose_name_plural = _("Relevanzbewertungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 5}),
                name=f"assessment_{name}_1_to_5",
            )
            for name, _label in ASSESSMENT_CRITERIA
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.assessed_on:%d.%m.%Y})"

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) for name, _label in self.CRITERIA]

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores)

    @property
    def field(self) -> SpecializationField:
        return self.theme.field

    def get_absolute_url(self) -> str:
        return (
            reverse("fields:theme_detail", kwargs={"pk": self.theme_id}) + f"#assessment-{self.pk}"
        )


class Actor(VersionedModel):
    # An organisation's name is a proper name: pages in English do not mark it lang="de".
    NAME_IS_PROPER = True

    class Kind(models.TextChoices):
        UNIVERSITY = "hochschule", _("Hochschule")
        RESEARCH = "forschung", _("Außeruniversitäre Forschungseinrichtung")
        COMPANY = "unternehmen", _("Unternehmen")
        CLUSTER = "cluster", _("Cluster/Netzwerk")
        INDUSTRY_RESEARCH = "wirtschaftsnah", _("Wirtschaftsnahe Forschungseinrichtung")
        INNOVATION_CENTRE = "innovationszentrum", _("Innovationszentrum")
        ASSOCIATION = "verband", _("Multiplikator/Verband")
        ADMINISTRATION = "verwaltung", _("Verwaltung")

    name = models.CharField(_("Name"), max_length=250, unique=True)
    kind = modelfields.choice_field(_("Art"), Kind, max_length=30)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = modelfields.markdown_field()
    fields = models.ManyToManyField(
        SpecializationField,
        blank=True,
        related_name="actors",
        verbose_name=_("Spezialisierungsfelder"),
    )
    _history_m2m_fields = ["fields"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fields:actor_detail", kwargs={"pk": self.pk})


class ValueNetwork(VersionedModel):
    """Wertschöpfungsnetzwerk built around a theme or highlight."""

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="networks", verbose_name=_("Thema")
    )
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    description = modelfields.markdown_field()
    actors = models.ManyToManyField(
        Actor, through="NetworkMembership", related_name="networks", verbose_name=_("Akteure")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Wertschöpfungsnetzwerk")
        verbose_name_plural = _("Wertschöpfungsnetzwerke")

    def __str__(self) -> str:
        return self.name

    @property
    def field(self) -> SpecializationField:
        return self.theme.field

    def get_absolute_url(self) -> str:
        return reverse("fields:network_detail", kwargs={"pk": self.pk})


class NetworkMembership(VersionedModel):
    """An actor in a value network; removing a member archives the row (history is kept)."""

    class ChainRole(models.TextChoices):
        RESEARCH = "forschung", _("Forschung und Entwicklung")
        SUPPLIER = "zulieferer", _("Zulieferer/Komponenten")
        MANUFACTURER = "hersteller", _("Hersteller/Systemintegrator")
        SERVICE = "dienstleister", _("Dienstleister")
        USER = "anwender", _("Anwender")
        INTERMEDIARY = "intermediaer", _("Intermediär/Netzwerk")

    network = models.ForeignKey(ValueNetwork, on_delete=models.CASCADE, related_name="memberships")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="network_memberships")
    role = modelfields.choice_field(_("Rolle in der Wertschöpfungskette"), ChainRole, max_length=30)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        ordering = ["role", "actor__name"]
        verbose_name = _("Netzwerkmitglied")
        verbose_name_plural = _("Netzwerkmitglieder")
        constraints = [
            models.UniqueConstraint(fields=["network", "actor"], name="network_actor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.get_role_display()}"

    def get_absolute_url(self) -> str:
        return reverse("fields:network_detail", kwargs={"pk": self.network_id})


class Need(VersionedModel):
    """Handlungsbedarf or Engpass on a theme or a value network."""

    class Kind(models.TextChoices):
        NEED = "handlungsbedarf", _("Handlungsbedarf")
        BOTTLENECK = "engpass", _("Engpass")

    class Status(models.TextChoices):
        OPEN = "offen", _("offen")
        IN_PROGRESS = "in_bearbeitung", _("in Bearbeitung")
        ADDRESSED = "adressiert", _("adressiert")
        REJECTED = "verworfen", _("verworfen")

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="needs", verbose_name=_("Thema")
    )
    network = modelfields.optional_fk(ValueNetwork, "needs", _("Wertschöpfungsnetzwerk"))
    title = modelfields.title_field()
    description = modelfields.markdown_field()
    kind = modelfields.choice_field(_("Art"), Kind, default=Kind.NEED)
    status = modelfields.status_field(Status, Status.OPEN)
    # Set from board review rounds (mean score, 1–5); changes are kept in the history.
    priority = models.DecimalField(
        _("Priorität"), max_digits=3, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-priority", "title"]
        verbose_name = _("Handlungsbedarf")
        verbose_name_plural = _("Handlungsbedarfe")
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__isnull=True) | (Q(priority__gte=1) & Q(priority__lte=5)),
                name="need_priority_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def field(self) -> SpecializationField:
        return self.theme.field

    def clean(self):
        super().clean()
        if self.network_id and self.theme_id and self.network.theme_id != self.theme_id:
            raise ValidationError(
                {"network": _("Das Netzwerk gehört zu einem anderen Thema als der Bedarf.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("fields:need_detail", kwargs={"pk": self.pk})


class Roadmap(VersionedModel):
    """A versioned roadmap of a value network; only one version per network is current."""

    # Workflow state: changed only by submit/decide/publish, never by restoring a snapshot.
    HISTORY_NOT_RESTORED = (
        "network",
        "number",
        "is_current",
        "status",
        "status_reason",
        "submitted_at",
        "decided_at",
        "published_at",
    )

    class Status(models.TextChoices):
        DRAFT = "entwurf", _("Entwurf")
        BOARD_REVIEW = "beiratspruefung", _("Beiratsprüfung")
        SUBMITTED = "eingereicht", _("beim Lenkungskreis eingereicht")
        APPROVED = "beschlossen", _("beschlossen")
        PUBLISHED = "veroeffentlicht", _("veröffentlicht")
        RETURNED = "zurueckgegeben", _("zurückgegeben")

    network = models.ForeignKey(
        ValueNetwork,
        on_delete=models.PROTECT,
        related_name="roadmaps",
        verbose_name=_("Wertschöpfungsnetzwerk"),
    )
    number = models.PositiveIntegerField(_("Fassung"), default=1)
    is_current = models.BooleanField(_("aktuelle Fassung"), default=True)
    title = modelfields.title_field()
    summary = modelfields.markdown_field(_("Zusammenfassung (Markdown)"))
    status = modelfields.status_field(Status, Status.DRAFT)
    status_reason = models.TextField(_("Begründung der Rückgabe"), blank=True)
    submitted_at = modelfields.optional_datetime(_("eingereicht am"))
    decided_at = modelfields.optional_datetime(_("beschlossen am"))
    published_at = modelfields.optional_datetime(_("veröffentlicht am"))

    class Meta:
        ordering = ["network__name", "-number"]
        verbose_name = _("Roadmap")
        verbose_name_plural = _("Roadmaps")
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="roadmap_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="roadmap_number_positive"),
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(is_current=True),
                name="roadmap_one_current",
                violation_error_message=_(
                    "Dieses Netzwerk hat bereits eine aktuelle Roadmap. Legen Sie dort eine neue "
                    "Fassung an."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s (Fassung %(number)s)") % {"title": self.title, "number": self.number}

    # Statuses in which staff may still change the content (the governance workflow owns the rest).
    EDITABLE_STATUSES = ("entwurf", "beiratspruefung", "zurueckgegeben")
    # Statuses in which board members of the field may comment.
    COMMENTABLE_STATUSES = ("entwurf", "beiratspruefung")

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES and not self.is_archived

    @property
    def is_commentable(self) -> bool:
        return self.status in self.COMMENTABLE_STATUSES and not self.is_archived

    @property
    def field(self) -> SpecializationField:
        return self.network.theme.field

    def get_absolute_url(self) -> str:
        return reverse("fields:roadmap_detail", kwargs={"pk": self.pk})


class RoadmapComment(TimeStampedModel):
    """A board member's comment on a draft roadmap, listed for staff."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="comments")
    author = modelfields.user_fk()
    text = models.TextField(_("Kommentar"))

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Kommentar zur Roadmap")
        verbose_name_plural = _("Kommentare zu Roadmaps")


class ActionField(VersionedModel):
    """Handlungsfeld of a roadmap."""

    # Position changes through move up/down (it is not a content change); a restore keeps it.
    HISTORY_NOT_RESTORED = ("roadmap", "order")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="action_fields")
    title = modelfields.title_field()
    description = modelfields.markdown_field()
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fields:roadmap_detail", kwargs={"pk": self.roadmap_id}) + (
            f"#action-field-{self.pk}"
        )


class Measure(VersionedModel):
    """Maßnahme within an action field."""

    # Position changes through move up/down (it is not a content change); a restore keeps it.
    HISTORY_NOT_RESTORED = ("action_field", "order")

    class Status(models.TextChoices):
        PLANNED = "geplant", _("geplant")
        RUNNING = "laufend", _("laufend")
        DONE = "abgeschlossen", _("abgeschlossen")
        DROPPED = "verworfen", _("verworfen")

    action_field = models.ForeignKey(
        ActionField,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("Handlungsfeld"),
    )
    title = modelfields.title_field()
    description = modelfields.markdown_field()
    responsible_actors = models.ManyToManyField(
        Actor, blank=True, related_name="measures", verbose_name=_("Verantwortliche Akteure")
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="measures", verbose_name=_("adressierte Handlungsbedarfe")
    )
    start = modelfields.optional_date(_("Beginn"))
    end = modelfields.optional_date(_("Ende"))
    status = modelfields.status_field(Status, Status.PLANNED)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    _history_m2m_fields = ["responsible_actors", "needs"]

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="measure_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fields:measure_detail", kwargs={"pk": self.pk})
