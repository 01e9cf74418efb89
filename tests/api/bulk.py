"""Rows of every public and internal kind, n at a time (query-budget tests, 1× and 10×)."""

import itertools
from decimal import Decimal

from django.utils import timezone

from fields.models import Actor, Roadmap
from monitoring.models import YearLock
from reports.models import Report
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    BodyFactory,
    FieldFactory,
    IndicatorFactory,
    MeasureFactory,
    MembershipFactory,
    NeedFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import DecisionFactory, ForumEventFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, TargetFactory
from tests.reports.factories import ReportFactory

_seq = itertools.count(1)


def grow(cast, n: int) -> None:
    YearLock.objects.get_or_create(year=2023)
    for _ in range(n):
        i = next(_seq)
        field = FieldFactory(name=f"Bulk-Feld {i}")
        theme = ThemeFactory(field=field, slug=f"bulk-thema-{i}")
        theme.related_fields.add(cast.field_a)
        actor = ActorFactory(name=f"Bulk-Akteur {i}", kind=Actor.Kind.COMPANY)
        network = ValueNetworkFactory(theme=theme, slug=f"bulk-netz-{i}", name=f"N {i}")
        need = NeedFactory(theme=theme, title=f"Bedarf {i}")
        roadmap = RoadmapFactory(
            network=network,
            title=f"R {i}",
            status=Roadmap.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        action_field = ActionFieldFactory(roadmap=roadmap, title=f"H {i}")
        measure = MeasureFactory(action_field=action_field, title=f"M {i}")
        measure.responsible_actors.set([actor])
        measure.needs.set([need])
        body = BodyFactory(field=field)
        MembershipFactory(body=body, user=UserFactory(), public_consent=True, organisation=actor)
        DecisionFactory(body=body, title=f"B {i}", outcome="angenommen", roadmap=roadmap)
        ForumEventFactory(body=body, slug=f"bulk-forum-{i}", title=f"F {i}", days=i)
        indicator = IndicatorFactory()
        IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal(i))
        IndicatorValueFactory(indicator=indicator, field=field, year=2023, value=Decimal(i))
        TargetFactory(indicator=indicator)
        ReportFactory(status=Report.Status.PUBLISHED, year=2000 + i % 50, kind="altbericht")
        ActivityFactory(fields=[field]).themes.set([theme])
