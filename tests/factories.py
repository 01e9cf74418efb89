"""factory_boy factories: the one way tests build data.

This module holds the people, the strategy content (`fields`), the bodies and memberships that
give users their roles, the kernel's own rows (`ris_portal`) and the indicator; the other apps'
rows have factories next to their tests (`tests/<app>/factories.py`).

Conventions: a factory fills only what the model requires (so a test names every value it
asserts on), builds plain rows with `objects.create` (no service, no extra save: each row
gets exactly one history record), and related rows come from sub-factories unless passed.
Many-to-many links are given as lists (`MeasureFactory(needs=[need])`).
"""

import datetime

import factory
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from fields.models import (
    ActionField,
    Actor,
    Measure,
    Need,
    NetworkMembership,
    RelevanceAssessment,
    Roadmap,
    RoadmapComment,
    SpecializationField,
    Theme,
    ValueNetwork,
)
from governance.models import Body, Membership
from monitoring.models import Indicator
from ris_portal.models import FeedbackMessage, Invitation, OutboxMail


def _add_many(field_name: str):
    """A post-generation hook that links the given objects through a many-to-many field."""

    def hook(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, field_name).add(*extracted)

    hook.__name__ = field_name
    return factory.PostGeneration(hook)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.django.Password("Sicheres-Passwort-1")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class TotpAuthenticatorFactory(factory.django.DjangoModelFactory):
    """A second factor (TOTP) set up by the user, as staff must have one."""

    class Meta:
        model = Authenticator

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyFunction(lambda: {"secret": "x"})


# --- fields: the strategy content ------------------------------------------------------------


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecializationField

    slug = factory.Sequence(lambda n: f"feld-{n}")
    code = factory.Sequence(lambda n: f"F{n}")
    order = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Spezialisierungsfeld {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    field = factory.SubFactory(FieldFactory)
    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    status = Theme.Status.ACTIVE


class RelevanceAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelevanceAssessment

    theme = factory.SubFactory(ThemeFactory)
    author = factory.SubFactory(UserFactory)
    specialisation_advantage = 4
    actor_base = 3
    application_relevance = 5
    growth_potential = 2
    justification = "Begründung"
    assessed_on = datetime.date(2026, 1, 15)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Akteur {n}")
    kind = Actor.Kind.COMPANY


class ValueNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValueNetwork

    theme = factory.SubFactory(ThemeFactory)
    slug = factory.Sequence(lambda n: f"netz-{n}")
    name = factory.Sequence(lambda n: f"Netzwerk {n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(ValueNetworkFactory)
    actor = factory.SubFactory(ActorFactory)
    role = NetworkMembership.ChainRole.RESEARCH


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    theme = factory.SubFactory(ThemeFactory)
    title = factory.Sequence(lambda n: f"Handlungsbedarf {n}")


class RoadmapFactory(factory.django.DjangoModelFactory):
    """A roadmap of a new network; `submitted=True` stamps `submitted_at` (whatever the status)."""

    class Meta:
        model = Roadmap

    class Params:
        submitted = factory.Trait(submitted_at=factory.LazyFunction(timezone.now))

    network = factory.SubFactory(ValueNetworkFactory)
    title = factory.Sequence(lambda n: f"Roadmap {n}")


class RoadmapCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapComment

    roadmap = factory.SubFactory(RoadmapFactory)
    author = factory.SubFactory(UserFactory)
    text = "Kommentar"


class ActionFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionField

    roadmap = factory.SubFactory(RoadmapFactory)
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    action_field = factory.SubFactory(ActionFieldFactory)
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    needs = _add_many("needs")
    responsible_actors = _add_many("responsible_actors")


# --- governance: the bodies that give users their roles ---------------------------------------


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    kind = Body.Kind.STRATEGY_BOARD
    slug = factory.Sequence(lambda n: f"gremium-{n}")
    name = factory.Sequence(lambda n: f"Gremium {n}")
    field = factory.SubFactory(FieldFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    user = factory.SubFactory(UserFactory)
    sector = Membership.Sector.SCIENCE
    role = Membership.Role.MEMBER
    start = datetime.date(2025, 1, 1)


# --- monitoring: the indicator (values and targets: tests/monitoring/factories.py) ------------


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    kind = Indicator.Kind.OUTPUT
    level = Indicator.Level.REGION


# --- ris_portal: invitations, feedback, the e-mail outbox --------------------------------------


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    user = factory.SubFactory(UserFactory)
    invited_by = factory.SubFactory(UserFactory)
    last_sent_at = factory.LazyFunction(timezone.now)


class FeedbackMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackMessage

    message = factory.Sequence(lambda n: f"Barriere {n}")


class OutboxMailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMail

    class Params:
        # Given up: every attempt used, waiting for staff to send it again.
        failed = factory.Trait(status=OutboxMail.Status.FAILED, attempts=5, max_attempts=5)

    template = "emails/invitation"
    recipients = factory.Sequence(lambda n: [f"empfaenger{n}@example.org"])
    subject = "Einladung"
    body_text = "Text"
