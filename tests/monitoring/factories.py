"""Factories for the monitoring app (kept here to leave tests/factories.py untouched)."""

import datetime
from decimal import Decimal

import factory

from monitoring.models import Activity, IndicatorValue, Target
from tests.factories import IndicatorFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"AKT-{n:05d}")
    kind = Activity.Kind.EVENT
    title = factory.Sequence(lambda n: f"Aktivität {n}")
    start_date = datetime.date(2025, 3, 1)
    funding_amount = Decimal("10000.00")
    funding_source = Activity.FundingSource.LAND

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        for field in extracted or ():
            self.fields.add(field)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    value = Decimal("100")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    baseline_year = 2020
    baseline_value = Decimal("100")
    target_year = 2027
    target_value = Decimal("170")
