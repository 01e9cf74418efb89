"""Governance bodies, memberships and development goals."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.models import ArchivableQuerySet, VersionedModel


class Body(VersionedModel):
    """Gremium: a strategy board per field, a forum, the steering committee, …"""

    # A body's name is a proper name: pages in English do not mark it lang="de".
    NAME_IS_PROPER = True

    class Kind(models.TextChoices):
        STRATEGY_BOARD = "strategiebeirat", _("Strategiebeirat")
        FORUM = "forum", _("Forum")
        STEERING = "lenkungskreis", _("Lenkungskreis RIS Thüringen")
        MONITORING_COMMITTEE = "begleitausschuss", _("EFRE/ESF+-Begleitausschuss")

    kind = modelfields.choice_field(_("Art"), Kind, max_length=30)
    slug = models.SlugField(_("Kürzel (URL)"), max_length=120, unique=True)
    name = models.CharField(_("Name"), max_length=250)
    field = modelfields.optional_fk(
        "fields.SpecializationField", "bodies", _("Spezialisierungsfeld")
    )
    description = modelfields.markdown_field()
    current_term = models.CharField(
        _("laufende Amtszeit"), max_length=20, blank=True, help_text=_("z. B. 2025–2028")
    )
    # Beschlussfähigkeit per the body's rules of procedure: at least this share of the voting
    # members (all but guests) present or represented, and at least `quorum_minimum` people.
    quorum_percent = models.PositiveSmallIntegerField(
        _("Beschlussfähigkeit: Anteil der Mitglieder (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Mindestanteil der stimmberechtigten Mitglieder, die anwesend oder vertreten sind."
        ),
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        _("Beschlussfähigkeit: Mindestzahl"), default=0, blank=True
    )

    class Meta:
        ordering = ["kind", "field__order", "name"]
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        constraints = [
            # One strategy board per field.
            models.UniqueConstraint(
                fields=["field"],
                condition=Q(kind="strategiebeirat"),
                name="one_strategy_board_per_field",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def quorum_required(self, voting_members: int) -> int:
        """How many voting members must be present (or represented) for a valid decision."""
        share = -(-voting_members * self.quorum_percent // 100)  # ceiling division
        return max(share, self.quorum_minimum or 0, 1 if voting_members else 0)


class MembershipQuerySet(ArchivableQuerySet):
    def active(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )


class Membership(VersionedModel):
    class Sector(models.TextChoices):
        BUSINESS = "wirtschaft", _("Wirtschaft")
        SCIENCE = "wissenschaft", _("Wissenschaft")
        INTERMEDIARY = "intermediaer", _("Intermediär")
        ADMINISTRATION = "verwaltung", _("Verwaltung")

    class Role(models.TextChoices):
        SPEAKER = "sprecher", _("Sprecher/in")
        DEPUTY = "stellvertretung", _("Stellvertretung")
        MEMBER = "mitglied", _("Mitglied")
        GUEST = "gast", _("Gast")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Gremium")
    )
    user = modelfields.user_fk(_("Person"), related_name="memberships")
    organisation = modelfields.optional_fk("fields.Actor", "body_memberships", _("Organisation"))
    sector = modelfields.choice_field(_("Bereich"), Sector)
    role = modelfields.choice_field(_("Funktion"), Role, default=Role.MEMBER)
    term = models.CharField(_("Amtszeit"), max_length=20, blank=True)
    start = modelfields.optional_date(_("Beginn"))
    end = modelfields.optional_date(_("Ende"))
    public_consent = models.BooleanField(
        _("Einwilligung in die öffentliche Nennung"), default=False
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "user__last_name"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user", "term"], name="membership_unique_per_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.body}"


class DevelopmentGoal(VersionedModel):
    """Entwicklungsziel of a field, set by ThCM and approved by the Lenkungskreis."""

    # Workflow state: changed only by submit/decide, never by restoring a snapshot.
    HISTORY_NOT_RESTORED = ("status", "status_reason", "submitted_at", "decided_at")

    class Status(models.TextChoices):
        # The values of the approval states match `fields.Roadmap.Status` on purpose: the
        # approval services treat roadmaps and goals alike.
        DRAFT = "entwurf", _("Entwurf")
        SUBMITTED = "eingereicht", _("beim Lenkungskreis eingereicht")
        APPROVED = "beschlossen", _("beschlossen")
        RETURNED = "zurueckgegeben", _("zurückgegeben")

    field = models.ForeignKey(
        "fields.SpecializationField",
        on_delete=models.PROTECT,
        related_name="development_goals",
        verbose_name=_("Spezialisierungsfeld"),
    )
    title = modelfields.title_field()
    description = modelfields.markdown_field()
    status = modelfields.status_field(Status, Status.DRAFT)
    status_reason = models.TextField(_("Begründung der Rückgabe"), blank=True)
    submitted_at = modelfields.optional_datetime(_("eingereicht am"))
    decided_at = modelfields.optional_datetime(_("beschlossen am"))

    class Meta:
        ordering = ["field__order", "title"]
        verbose_name = _("Entwicklungsziel")
        verbose_name_plural = _("Entwicklungsziele")

    # Staff change the content only before submission or after a return.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES and not self.is_archived

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("governance:goal_detail", kwargs={"pk": self.pk})
