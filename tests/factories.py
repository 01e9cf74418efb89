"""factory_boy factories for the whole project."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from fields.models import SpecializationField, Theme
from governance.models import Body, Membership
from monitoring.models import Indicator


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


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    kind = Indicator.Kind.OUTPUT
    level = Indicator.Level.REGION
