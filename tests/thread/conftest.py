import datetime

import pytest
from django.utils import timezone

from fields.models import Measure, Roadmap
from governance import services
from governance.models import Recommendation
from tests.factories import (
    ActionFieldFactory,
    IndicatorFactory,
    MeasureFactory,
    NeedFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import MeetingFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, TargetFactory


def build_chain(cast, field, *, prefix: str, published: bool = True) -> dict:
    """need (priority from a closed round) → measure → roadmap (recommended, decided,
    published) → activity and indicator, in `field`."""
    board = cast.board_a if field == cast.field_a else cast.board_b
    theme = ThemeFactory(field=field, slug=f"{prefix}-thema", name=f"Thema {prefix}")
    network = ValueNetworkFactory(theme=theme, slug=f"{prefix}-netz", name=f"Netzwerk {prefix}")
    need = NeedFactory(theme=theme, network=network, title=f"Bedarf {prefix}")
    roadmap = RoadmapFactory(
        network=network,
        title=f"Roadmap {prefix}",
        status=Roadmap.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    action_field = ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld")
    measure = MeasureFactory(
        action_field=action_field, title=f"Maßnahme {prefix}", status=Measure.Status.RUNNING
    )
    draft_measure = MeasureFactory(action_field=action_field, title=f"Zweite {prefix}")
    measure.needs.set([need])
    member = cast.board if board == cast.board_a else None
    round_ = None
    if member is not None:
        round_ = services.review_round_open(
            body=board,
            title=f"Runde {prefix}",
            deadline=timezone.now() + datetime.timedelta(days=3),
            created_by=cast.staff,
            needs=[need],
        )
        services.review_answers_save(
            round_=round_, user=member, answers={round_.items.get().pk: {"score": 4}}
        )
        services.review_round_close(round_=round_, closed_by=cast.staff)
        services.review_priorities_apply(round_=round_, applied_by=cast.staff)
    recommendation = services.recommendation_record(
        subject=roadmap,
        meeting=MeetingFactory(body=board, days=-30),
        outcome=Recommendation.Outcome.APPROVE,
        rationale="Empfohlen",
        recorded_by=cast.staff,
    )
    decision = services.approval_decide(
        obj=roadmap,
        approve=True,
        decided_by=cast.staff,
        expected_version=roadmap.version,
        meeting=MeetingFactory(body=cast.lenkungskreis, days=-20),
        recommendation=recommendation,
    )
    roadmap.refresh_from_db()
    if published:
        services.roadmap_publish(roadmap=roadmap, expected_version=roadmap.version)
        roadmap.refresh_from_db()
    indicator = IndicatorFactory(code=f"IND-{prefix}", name=f"Indikator {prefix}")
    indicator.measures.add(measure)
    TargetFactory(indicator=indicator)
    IndicatorValueFactory(indicator=indicator, year=2024, value=150)
    activity = ActivityFactory(title=f"Aktivität {prefix}", measure=measure)
    return {
        "theme": theme,
        "network": network,
        "need": need,
        "roadmap": roadmap,
        "measure": measure,
        "draft_measure": draft_measure,
        "round": round_,
        "recommendation": recommendation,
        "decision": decision,
        "indicator": indicator,
        "activity": activity,
    }


@pytest.fixture
def chain(cast):
    return build_chain(cast, cast.field_a, prefix="a")
