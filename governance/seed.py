"""Seed the governance bodies and the demo memberships."""

import datetime

from fields.models import SpecializationField

from .models import Body, Membership


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
    steering, _created = Body.objects.update_or_create(
        slug="lenkungskreis",
        defaults={
            "kind": Body.Kind.STEERING,
            "name": "Lenkungskreis RIS Thüringen",
            "current_term": "2021–2027",
            "description": "Der Lenkungskreis aus Fachabteilungen des Ministeriums, ThCM und "
            "Thüringer Aufbaubank beschließt Entwicklungsziele und Roadmaps und berichtet an den "
            "Begleitausschuss.",
        },
    )
    Body.objects.update_or_create(
        slug="begleitausschuss",
        defaults={
            "kind": Body.Kind.MONITORING_COMMITTEE,
            "name": "Begleitausschuss EFRE und ESF+",
            "current_term": "2021–2027",
            "description": "Der Begleitausschuss (konstituiert am 01.09.2022) erhält die "
            "Berichte zur Umsetzung der Innovationsstrategie.",
        },
    )
    Body.objects.update_or_create(
        slug="ris-forum",
        defaults={
            "kind": Body.Kind.FORUM,
            "name": "RIS-Forum Thüringen",
            "description": "Offenes Forum für alle interessierten Akteure aus Wirtschaft, "
            "Wissenschaft und Verwaltung.",
        },
    )
    term_start = datetime.date(2025, 1, 1)
    Membership.objects.update_or_create(
        body=boards["IPS"],
        user=accounts["board"],
        term="2025–2028",
        defaults={
            "sector": Membership.Sector.BUSINESS,
            "role": Membership.Role.MEMBER,
            "start": term_start,
            "public_consent": True,
        },
    )
    Membership.objects.update_or_create(
        body=steering,
        user=accounts["steering"],
        term="2021–2027",
        defaults={
            "sector": Membership.Sector.ADMINISTRATION,
            "role": Membership.Role.MEMBER,
            "start": datetime.date(2021, 1, 1),
            "public_consent": True,
        },
    )
    stdout.write(f"  Gremien: {Body.objects.count()}")
