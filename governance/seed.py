"""Seed the governance bodies and the demo memberships."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from fields.models import Need, SpecializationField, Theme
from fields.seed import SEED_START
from ris_portal.snapshots import history_backdate, local_moment

from . import models, services

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
    (
        "prof.optik@ris-portal.example",
        "Petra",
        "Optik",
        models.Membership.Sector.SCIENCE,
        "sprecher",
    ),
    (
        "werkstoffe@ris-portal.example",
        "Wilhelm",
        "Werkstoff",
        models.Membership.Sector.BUSINESS,
        "stellvertretung",
    ),
    (
        "netzwerk@ris-portal.example",
        "Nora",
        "Netzwerk",
        models.Membership.Sector.INTERMEDIARY,
        "mitglied",
    ),
)
# The bodies beside the fields' strategy boards, by slug.
STANDING_BODIES = {
    "lenkungskreis": {
        "kind": models.Body.Kind.STEERING,
        "name": "Lenkungskreis RIS Thüringen",
        "current_term": "2021–2027",
        "description": "Der Lenkungskreis aus Fachabteilungen des Ministeriums, ThCM und "
        "Thüringer Aufbaubank beschließt Entwicklungsziele und Roadmaps und berichtet an den "
        "Begleitausschuss.",
    },
    "begleitausschuss": {
        "kind": models.Body.Kind.MONITORING_COMMITTEE,
        "name": "Begleitausschuss EFRE und ESF+",
        "current_term": "2021–2027",
        "description": "Der Begleitausschuss (konstituiert am 01.09.2022) erhält die "
        "Berichte zur Umsetzung der Innovationsstrategie.",
    },
    "ris-forum": {
        "kind": models.Body.Kind.FORUM,
        "name": "RIS-Forum Thüringen",
        "description": "Offenes Forum für alle interessierten Akteure aus Wirtschaft, "
        "Wissenschaft und Verwaltung.",
    },
}
ROUND_TITLE = "Priorisierung der Handlungsbedarfe IPS 2026"


def run(*, data: dict, accounts: dict, stdout) -> None:
    boards = {}
    for field in SpecializationField.objects.all():
        boards[field.code], _created = models.Body.objects.update_or_create(
            slug=f"strategiebeirat-{field.slug}",
            defaults={
                "kind": models.Body.Kind.STRATEGY_BOARD,
                "name": f"Strategiebeirat {field.name}",
                "field": field,
                "current_term": "2025–2028",
                "description": "Der Strategiebeirat berät Ministerium und LEG, erarbeitet die "
                "Roadmaps des Feldes mit und begleitet ihre Umsetzung.",
            },
        )
    standing = {
        slug: models.Body.objects.update_or_create(slug=slug, defaults=defaults)[0]
        for slug, defaults in STANDING_BODIES.items()
    }
    steering = standing["lenkungskreis"]
    # The demo accounts of a board member and a steering member, members since their term began.
    for body, user, term, sector, since in (
        (boards["IPS"], accounts["board"], "2025–2028", models.Membership.Sector.BUSINESS, 2025),
        (
            steering,
            accounts["steering"],
            "2021–2027",
            models.Membership.Sector.ADMINISTRATION,
            2021,
        ),
    ):
        models.Membership.objects.update_or_create(
            body=body,
            user=user,
            term=term,
            defaults={
                "sector": sector,
                "role": models.Membership.Role.MEMBER,
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
        f"  Gremien: {models.Body.objects.count()}, Sitzungen: {models.Meeting.objects.count()}, "
        f"Priorisierungsrunden: {models.ReviewRound.objects.count()}, "
        f"Veranstaltungen: {models.ForumEvent.objects.count()}"
    )


def _seed_demo_members(board: models.Body) -> None:
    for email, first, last, sector, role in DEMO_MEMBERS:
        seed_member(board, email, first, last, sector=sector, role=role)


def seed_member(board: models.Body, email: str, first: str, last: str, *, sector: str, role=None):
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
    models.Membership.objects.update_or_create(
        body=board, user=user, term="2025–2028", defaults=defaults
    )
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


def _seed_upcoming_meeting(board: models.Body, needs: list[Need]) -> None:
    """A meeting in four weeks, so that "Meine Gremien" shows what members will see."""
    if models.Meeting.objects.filter(body=board, title=UPCOMING_MEETING).exists():
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
    models.AgendaItem.objects.create(meeting=meeting, order=1, title="Begrüßung und Protokoll")
    models.AgendaItem.objects.create(
        meeting=meeting, order=2, title="Ergebnisse der Online-Priorisierung"
    )
    for order, need in enumerate(needs[2:4], start=3):
        models.AgendaItem.objects.create(meeting=meeting, order=order, title=need.title, need=need)


def _seed_past_meetings(
    board: models.Body, steering: models.Body, accounts: dict, needs: list[Need]
) -> None:
    if models.Meeting.objects.filter(
        body=board, title="3. Sitzung des Strategiebeirats IPS"
    ).exists():
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
    models.AgendaItem.objects.create(meeting=meeting, order=1, title="Begrüßung und Protokoll")
    for order, need in enumerate(needs[:2], start=2):
        models.AgendaItem.objects.create(meeting=meeting, order=order, title=need.title, need=need)
    for membership in board.memberships.all():
        models.Attendance.objects.get_or_create(
            meeting=meeting,
            user=membership.user,
            defaults={"status": models.Attendance.Status.PRESENT},
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
        outcome=models.Decision.Outcome.APPROVED,
        votes_yes=4,
        decided_by=accounts["staff"],
    )
    goal, _created = models.DevelopmentGoal.objects.get_or_create(
        field=board.field,
        title="Photonik-Kompetenzen in die Breite der Thüringer Industrie tragen",
        defaults={
            "description": "Entwicklungsziel des Feldes IPS für die Förderperiode 2021–2027.",
            "status": models.DevelopmentGoal.Status.APPROVED,
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
        outcome=models.Decision.Outcome.APPROVED,
        votes_yes=5,
        votes_abstain=1,
        goal=goal,
        decided_by=accounts["staff"],
    )
    models.DevelopmentGoal.objects.get_or_create(
        field=board.field,
        title="Additive Fertigung als Querschnittstechnologie etablieren",
        defaults={
            "description": "Vorschlag der Geschäftsstelle nach der 3. Sitzung des Beirats.",
            "status": models.DevelopmentGoal.Status.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )


def _seed_review_round(board: models.Body, accounts: dict, needs: list[Need]) -> None:
    if len(needs) < 5 or models.ReviewRound.objects.filter(body=board, title=ROUND_TITLE).exists():
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
    forum = models.Body.objects.get(slug="ris-forum")
    start = timezone.now().replace(hour=13, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=30
    )
    models.ForumEvent.objects.get_or_create(
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
        models.Body,
        {pk: start for pk in models.Body.objects.values_list("pk", flat=True)},
        since=since,
    )
    history_backdate(
        models.Membership,
        {
            pk: local_moment(day) if day else start
            for pk, day in models.Membership.objects.values_list("pk", "start")
        },
        since=since,
    )
