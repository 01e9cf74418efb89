"""Demo content: one complete golden thread, built through the services like real work.

NERV field, network "Grüner Wasserstoff regional": the board prioritises the need online
(closed round → priority), recommends the submitted roadmap in a meeting, the Lenkungskreis
approves it in its meeting following the recommendation (public decision), staff publish it;
the roadmap's measure moves an indicator and an activity implements it.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from fields.models import Measure, Need, Roadmap
from governance import services
from governance.models import (
    AgendaItem,
    Body,
    Decision,
    Meeting,
    Membership,
    Recommendation,
    ReviewRound,
)
from governance.seed import seed_member
from monitoring.models import Activity, Indicator

ROADMAP_TITLE = "Demo-Roadmap Grüner Wasserstoff regional"
NEED_TITLE = "Demo: Pilotanlagen für Elektrolyse fehlen"
MEASURE_TITLE = "Demo: Machbarkeitsstudie Elektrolyse im Gewerbegebiet"
ROUND_TITLE = "Priorisierung der Handlungsbedarfe NERV 2025"
BOARD_MEETING = "2. Sitzung des Strategiebeirats NERV"
STEERING_MEETING = "Sitzung des Lenkungskreises RIS Thüringen (Roadmaps NERV)"
INDICATOR_CODE = "MON-RD-PROJECTS"
ACTIVITY_REFERENCE = "DEMO-NERV-001"
MEMBERS = (
    ("wasserstoff@ris-portal.example", "Wiebke", "Wasserstoff", Membership.Sector.SCIENCE, 5),
    ("energie@ris-portal.example", "Enno", "Energie", Membership.Sector.BUSINESS, 4),
    ("speicher@ris-portal.example", "Svea", "Speicher", Membership.Sector.INTERMEDIARY, 4),
)


def run(*, data: dict, accounts: dict, stdout) -> None:
    roadmap = Roadmap.objects.live().filter(title=ROADMAP_TITLE).first()
    need = Need.objects.filter(title=NEED_TITLE).first()
    measure = Measure.objects.filter(title=MEASURE_TITLE).first()
    if roadmap is None or need is None or measure is None:
        return
    field = roadmap.network.theme.field
    board = Body.objects.filter(kind=Body.Kind.STRATEGY_BOARD, field=field).first()
    steering = Body.objects.filter(kind=Body.Kind.STEERING).first()
    if board is None or steering is None:
        return
    staff = accounts["staff"]
    members = _members(board)
    _round(board, need, members, staff)
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    recommendation = _recommendation(board, roadmap, staff, now - datetime.timedelta(days=60))
    _decision(steering, roadmap, recommendation, staff, now - datetime.timedelta(days=45))
    _monitoring(measure, field)
    stdout.write(f"  Roter Faden (Demo): {roadmap.title} mit Empfehlung und Beschluss")


def _members(board: Body) -> list:
    return [
        seed_member(board, email, first, last, sector=sector)
        for email, first, last, sector, _score in MEMBERS
    ]


def _round(board: Body, need: Need, members: list, staff) -> None:
    if ReviewRound.objects.filter(body=board, title=ROUND_TITLE).exists():
        return
    round_ = services.review_round_open(
        body=board,
        title=ROUND_TITLE,
        description="Wie dringend ist der Bedarf für das Feld?",
        deadline=timezone.now() + datetime.timedelta(days=1),
        created_by=staff,
        needs=[need],
    )
    item = round_.items.get()
    for user, (*_rest, score) in zip(members, MEMBERS, strict=True):
        services.review_answers_save(
            round_=round_,
            user=user,
            answers={item.pk: {"score": score, "comment": "Ohne Pilotanlage kein Transfer."}},
        )
    services.review_round_close(round_=round_, closed_by=staff)
    # Taking the means over as priorities is an explicit staff step (after the preview).
    services.review_priorities_apply(round_=round_, applied_by=staff)


def _past_meeting(body: Body, title: str, start: datetime.datetime) -> Meeting:
    meeting = Meeting.objects.filter(body=body, title=title).first()
    if meeting is None:
        meeting = services.meeting_create(
            body=body,
            title=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            location="LEG Thüringen, Erfurt",
        )
    return meeting


def _recommendation(board: Body, roadmap: Roadmap, staff, start) -> Recommendation:
    existing = roadmap.recommendations.filter(status=Recommendation.Status.GIVEN).first()
    if existing is not None:
        return existing
    meeting = _past_meeting(board, BOARD_MEETING, start)
    AgendaItem.objects.get_or_create(
        meeting=meeting,
        order=1,
        defaults={"title": "Roadmap Grüner Wasserstoff", "roadmap": roadmap},
    )
    values = {
        "meeting": meeting,
        "outcome": Recommendation.Outcome.APPROVE,
        "rationale": "Die Roadmap greift den höchstpriorisierten Bedarf des Feldes auf "
        "(Pilotanlagen für Elektrolyse). Der Beirat empfiehlt dem Lenkungskreis, sie zu "
        "beschließen.",
        "votes_approve": 5,
    }
    if roadmap.status in services.RECOMMENDABLE[Roadmap]:
        return services.recommendation_record(subject=roadmap, recorded_by=staff, **values)
    # Databases seeded before recommendations existed: the roadmap is already published.
    recommendation = Recommendation(
        body=board,
        roadmap=roadmap,
        procedure=Recommendation.Procedure.MEETING,
        status=Recommendation.Status.GIVEN,
        given_at=meeting.starts_at,
        recorded_by=staff,
        **values,
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


def _decision(steering: Body, roadmap: Roadmap, recommendation, staff, start) -> None:
    if roadmap.decisions.filter(outcome=Decision.Outcome.APPROVED).exists():
        return
    meeting = _past_meeting(steering, STEERING_MEETING, start)
    if roadmap.status == Roadmap.Status.SUBMITTED:
        services.approval_decide(
            obj=roadmap,
            approve=True,
            decided_by=staff,
            expected_version=roadmap.version,
            reason="Der Lenkungskreis folgt der Empfehlung des Strategiebeirats.",
            meeting=meeting,
            votes_yes=6,
            votes_abstain=1,
            recommendation=recommendation,
        )
        roadmap.refresh_from_db()
        services.roadmap_publish(roadmap=roadmap, expected_version=roadmap.version)
        return
    services.decision_record(
        body=steering,
        meeting=meeting,
        title=f"Roadmap: {roadmap.title}",
        text="Der Lenkungskreis folgt der Empfehlung des Strategiebeirats.",
        outcome=Decision.Outcome.APPROVED,
        votes_yes=6,
        votes_abstain=1,
        decided_by=staff,
        roadmap=roadmap,
        recommendation=recommendation,
    )


def _monitoring(measure: Measure, field) -> None:
    indicator = Indicator.objects.filter(code=INDICATOR_CODE).first()
    if indicator is not None and not indicator.measures.filter(pk=measure.pk).exists():
        indicator.measures.add(measure)
    # A new row is live by default: the lookup and the created row agree.
    activity, _created = Activity.objects.live().get_or_create(
        reference=ACTIVITY_REFERENCE,
        defaults={
            "kind": Activity.Kind.STUDY,
            "title": "[Beispiel] Auftaktworkshop zur Machbarkeitsstudie Elektrolyse",
            "description": "Demo-Inhalt: Workshop mit Gewerbegebiet, Stadtwerken und Hochschule.",
            "start_date": datetime.date(2025, 9, 15),
            "participants": 34,
            "measure": measure,
        },
    )
    activity.fields.set([field])
