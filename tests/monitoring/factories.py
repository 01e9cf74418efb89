"""Factories for the monitoring app's rows (conventions: tests/factories.py).

`IndicatorFactory` is in tests/factories.py (other apps' tests need it too). Tests that check
the plausibility or year-lock rules write values through `monitoring.services`, not these rows.
"""

import datetime
import hashlib
from decimal import Decimal

import factory

from monitoring.models import (
    Activity,
    ImportBatch,
    IndicatorValue,
    QualityConfirmation,
    Target,
    ValidationRule,
    YearLock,
)
from tests.factories import IndicatorFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    """A funded event with a reference; `unfunded=True`: no reference, no funding."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    class Params:
        unfunded = factory.Trait(reference="", funding_amount=None, funding_source="")

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


class _OfIndicatorFactory(factory.django.DjangoModelFactory):
    """A row that belongs to an indicator (a new one unless `indicator=` is given)."""

    class Meta:
        abstract = True

    indicator = factory.SubFactory(IndicatorFactory)


class IndicatorValueFactory(_OfIndicatorFactory):
    class Meta:
        model = IndicatorValue

    year = 2024
    value = Decimal("100")


class TargetFactory(_OfIndicatorFactory):
    class Meta:
        model = Target

    baseline_year = 2020
    baseline_value = Decimal("100")
    target_year = 2027
    target_value = Decimal("170")


class ValidationRuleFactory(_OfIndicatorFactory):
    class Meta:
        model = ValidationRule


class YearLockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearLock

    year = 2024


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """An uploaded indicator-value file in preview (with the header line only)."""

    class Meta:
        model = ImportBatch

    kind = ImportBatch.Kind.INDICATOR_VALUES
    file_name = factory.Sequence(lambda n: f"import-{n}.csv")
    content = b"Code;Jahr;Wert\n"
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())


class QualityConfirmationFactory(factory.django.DjangoModelFactory):
    """A confirmed plausibility warning about `value` (its current number)."""

    class Meta:
        model = QualityConfirmation

    value = factory.SubFactory(IndicatorValueFactory)
    checked_value = factory.SelfAttribute("value.value")
    warnings = factory.LazyFunction(
        lambda: [{"code": "above_max", "params": {"value": "1", "limit": "0"}}]
    )
    reason = factory.Sequence(lambda n: f"Grund {n}")
    source = QualityConfirmation.Source.FORM
