"""Seed the governance bodies and the demo memberships."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from fields.models import Need, SpecializationField, Theme
from fields.seed import SEED_START
from ris_portal.snapshots import history_backdate, local_moment

from . import services
from .models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    DevelopmentGoal,
    ForumEvent,
    Meeting,
    Membership,
    ReviewRound,
)

# Demo needs of the field IPS, created only when the field has none yet (the fields app may seed
# its own). Titles are illustrative, not quotes from the strategy.
IPS_DEMO_NEEDS = (
    "Fachkräfte für Photonik und Präzisionsfertigung sichern",
    "Zugang des Mittelstands zu KI-gestützter Qualitätssicherung",
    "Gemeinsame Test- und Pilotlinien für additive Fertigung",
    "Transfer von Forschungsergebnissen der Hochschulen in KMU beschleunigen",
    "Energie- und Ressourceneffizienz in der Metallverarbeitung steigern",
)
DEMO_MEMBERS = (
    ("prof.optik@ris-portal.example", "Petra", "Optik", Membership.Sector.SCIENCE, "sprecher"),
    (
        "werkstoffe@ris-portal.example",
        "Wilhelm",
        "Werkstoff",
        Membership.Sector.BUSINESS,
        "stellvertretung",
    ),
    ("netzwerk@ris-portal.example", "Nora", "Netzwerk", Membership.Sector.INTERMEDIARY, "mitglied"),
)
# The bodies beside the fields' strategy boards, by slug.
STANDING_BODIES = {
    "lenkungskreis": {
        "kind": Body.Kind.STEERING,
        "name": "Lenkungskreis RIS Thüringen",
        "current_term": "2021–2027",
        "description": "Der Lenkungskreis aus Fachabteilungen des Ministeriums, ThCM und "
        "Thüringer Aufbaubank beschließt Entwicklungsziele und Roadmaps und berichtet an den "
        "Begleitausschuss.",
    },
    "begleitausschuss": {
        "kind": Body.Kind.MONITORING_COMMITTEE,
        "name": "Begleitausschuss EFRE und ESF+",
        "current_term": "2021–2027",
        "description": "Der Begleitausschuss (konstituiert am 01.09.2022) erhält die "
        "Berichte zur Umsetzung der Innovationsstrategie.",
    },
    "ris-forum": {
        "kind": Body.Kind.FORUM,
        "name": "RIS-Forum Thüringen",
        "description": "Offenes Forum für alle interessierten Akteure aus Wirtschaft, "
        "Wissenschaft und Verwaltung.",
    },
}
ROUND_TITLE = "Priorisierung der Handlungsbedarfe IPS 2026"


def run(*, data: dict, accounts: dict, stdout) -> None:
    boards = {}
    for field in SpecializationField.objects.all():
        boards[field.code], _created = Body.objects.update_or_create(
            slug=f"strategiebeirat-{field.slug}",
            defaults={
                "kind": Body.Kind.STRATEGY_BOARD,
                "name": f"Strategiebeirat {field.name}",
                "field": field,
                "current_term": "2025–2028",
                "description": "Der Strategiebeirat berät Ministerium und LEG, erarbeitet die "
                "Roadmaps des Feldes mit und begleitet ihre Umsetzung.",
            },
        )
    standing = {
        slug: Body.objects.update_or_create(slug=slug, defaults=defaults)[0]
        for slug, defaults in STANDING_BODIES.items()
    }
    steering = standing["lenkungskreis"]
    # The demo accounts of a board member and a steering member, members since their term began.
    for body, user, term, sector, since in (
        (boards["IPS"], accounts["board"], "2025–2028", Membership.Sector.BUSINESS, 2025),
        (steering, accounts["steering"], "2021–2027", Membership.Sector.ADMINISTRATION, 2021),
    ):
        Membership.objects.update_or_create(
            body=body,
            user=user,
            term=term,
            defaults={
                "sector": sector,
                "role": Membership.Role.MEMBER,
                "start": datetime.date(since, 1, 1),
                "public_consent": True,
            },
        )
    _seed_demo_members(boards["IPS"])
    needs = _seed_ips_needs(boards["IPS"].field)
    _seed_past_meetings(boards["IPS"], steering, accounts, needs)
    _seed_upcoming_meeting(boards["IPS"], needs)
    _seed_review_round(boards["IPS"], accounts, needs)
    _seed_forum_event()
    stdout.write(
        f"  Gremien: {Body.objects.count()}, Sitzungen: {Meeting.objects.count()}, "
        f"Priorisierungsrunden: {ReviewRound.objects.count()}, "
        f"Veranstaltungen: {ForumEvent.objects.count()}"
    )


def _seed_demo_members(board: Body) -> None:
    for email, first, last, sector, role in DEMO_MEMBERS:
        seed_member(board, email, first, last, sector=sector, role=role)


def seed_member(board: Body, email: str, first: str, last: str, *, sector: str, role=None):
    """A demo member of `board` (term 2025–2028, public consent; no password: invitation only).

    Idempotent; `role` is only set where given (other seeds keep the membership's role)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_unusable_password()
        user.save()
    defaults = {"sector": sector, "start": datetime.date(2025, 1, 1), "public_consent": True}
    if role is not None:
        defaults["role"] = role
    Membership.objects.update_or_create(body=board, user=user, term="2025–2028", defaults=defaults)
    return user


def _seed_ips_needs(field) -> list[Need]:
    existing = list(Need.objects.live().filter(theme__field=field).order_by("id")[:5])
    if len(existing) >= 5:
        return existing
    themes = list(Theme.objects.filter(field=field).order_by("name"))
    if not themes:
        return existing
    needs = []
    for index, title in enumerate(IPS_DEMO_NEEDS):
        need, _created = Need.objects.get_or_create(
            title=title,
            defaults={
                "theme": themes[index % len(themes)],
                "description": "Demo-Eintrag für die Priorisierung im Strategiebeirat.",
            },
        )
        needs.append(need)
    return needs


UPCOMING_MEETING = "4. Sitzung des Strategiebeirats IPS"


def _seed_upcoming_meeting(board: Body, needs: list[Need]) -> None:
    """A meeting in four weeks, so that "Meine Gremien" shows what members will see."""
    if Meeting.objects.filter(body=board, title=UPCOMING_MEETING).exists():
        return
    start = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=28
    )
    meeting = services.meeting_create(
        body=board,
        title=UPCOMING_MEETING,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2, minutes=30),
        location="Online",
        online_url="https://meet.example.org/ris-ips",
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="Begrüßung und Protokoll")
    AgendaItem.objects.create(meeting=meeting, order=2, title="Ergebnisse der Online-Priorisierung")
    for order, need in enumerate(needs[2:4], start=3):
        AgendaItem.objects.create(meeting=meeting, order=order, title=need.title, need=need)


def _seed_past_meetings(board: Body, steering: Body, accounts: dict, needs: list[Need]) -> None:
    if Meeting.objects.filter(body=board, title="3. Sitzung des Strategiebeirats IPS").exists():
        return
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - datetime.timedelta(
        days=42
    )
    meeting = services.meeting_create(
        body=board,
        title="3. Sitzung des Strategiebeirats IPS",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="LEG Thüringen, Mainzerhofstraße 12, 99084 Erfurt",
    )
    AgendaItem.objects.create(meeting=meeting, order=1, title="Begrüßung und Protokoll")
    for order, need in enumerate(needs[:2], start=2):
        AgendaItem.objects.create(meeting=meeting, order=order, title=need.title, need=need)
    for membership in board.memberships.all():
        Attendance.objects.get_or_create(
            meeting=meeting, user=membership.user, defaults={"status": Attendance.Status.PRESENT}
        )
    minutes = meeting.minutes
    minutes.text = (
        "**TOP 1** Die Sprecherin begrüßt die Mitglieder; das Protokoll der 2. Sitzung wird "
        "ohne Änderungen angenommen.\n\n**TOP 2–3** Der Beirat bittet die Geschäftsstelle, die "
        "Handlungsbedarfe online priorisieren zu lassen."
    )
    minutes.save()
    services.minutes_approve(
        minutes=minutes, approved_by=accounts["staff"], expected_version=minutes.version
    )
    services.decision_record(
        body=board,
        meeting=meeting,
        title="Online-Priorisierung der Handlungsbedarfe",
        text="Die Geschäftsstelle eröffnet eine Priorisierungsrunde über fünf Handlungsbedarfe.",
        outcome=Decision.Outcome.APPROVED,
        votes_yes=4,
        decided_by=accounts["staff"],
    )
    goal, _created = DevelopmentGoal.objects.get_or_create(
        field=board.field,
        title="Photonik-Kompetenzen in die Breite der Thüringer Industrie tragen",
        defaults={
            "description": "Entwicklungsziel des Feldes IPS für die Förderperiode 2021–2027.",
            "status": DevelopmentGoal.Status.APPROVED,
            "decided_at": start,
        },
    )
    lk_meeting = services.meeting_create(
        body=steering,
        title="Sitzung des Lenkungskreises RIS Thüringen",
        starts_at=start + datetime.timedelta(days=7),
        ends_at=start + datetime.timedelta(days=7, hours=2),
        location="Ministerium, Erfurt",
    )
    services.decision_record(
        body=steering,
        meeting=lk_meeting,
        title=f"Entwicklungsziel: {goal.title}",
        outcome=Decision.Outcome.APPROVED,
        votes_yes=5,
        votes_abstain=1,
        goal=goal,
        decided_by=accounts["staff"],
    )
    DevelopmentGoal.objects.get_or_create(
        field=board.field,
        title="Additive Fertigung als Querschnittstechnologie etablieren",
        defaults={
            "description": "Vorschlag der Geschäftsstelle nach der 3. Sitzung des Beirats.",
            "status": DevelopmentGoal.Status.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )


def _seed_review_round(board: Body, accounts: dict, needs: list[Need]) -> None:
    if len(needs) < 5 or ReviewRound.objects.filter(body=board, title=ROUND_TITLE).exists():
        return
    services.review_round_open(
        body=board,
        title=ROUND_TITLE,
        description="Bitte bewerten Sie die Dringlichkeit jedes Handlungsbedarfs für das Feld.",
        deadline=timezone.now() + datetime.timedelta(days=14),
        created_by=accounts["staff"],
        needs=needs[:5],
    )


def _seed_forum_event() -> None:
    forum = Body.objects.get(slug="ris-forum")
    start = timezone.now().replace(hour=13, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=30
    )
    ForumEvent.objects.get_or_create(
        slug="ris-forum-2026",
        defaults={
            "body": forum,
            "title": "RIS-Forum Thüringen 2026: Innovation in den Spezialisierungsfeldern",
            "description": "Vorträge, Werkstätten und Vernetzung zu den fünf "
            "Spezialisierungsfeldern der RIS Thüringen.",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=4),
            "location": "Messe Erfurt",
            "capacity": 120,
        },
    )


def backdate(*, since) -> None:
    """Bodies exist since 2021, memberships since their start (see `fields.seed.backdate`)."""
    start = local_moment(SEED_START)
    history_backdate(
        Body, {pk: start for pk in Body.objects.values_list("pk", flat=True)}, since=since
    )
    history_backdate(
        Membership,
        {
            pk: local_moment(day) if day else start
            for pk, day in Membership.objects.values_list("pk", "start")
        },
        since=since,
    )
