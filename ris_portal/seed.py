"""Demo accounts and the seed-data loader shared by the apps' seed modules."""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .extensions import app_modules
from .roles import GROUP_MINISTRY, GROUP_STAFF, GROUP_STATISTICS

SEED_FILE = Path(__file__).parent / "seed_data" / "ris_thueringen.yaml"
DEMO_PASSWORD = "Demo-Passwort-2026!"


@cache
def seed_data() -> dict:
    """The Thuringia seed data (a copy of the research file, shipped with the product)."""
    return yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    first_name: str
    last_name: str
    role_label: str
    groups: tuple[str, ...] = ()
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount(
        "staff",
        "geschaeftsstelle@ris-portal.example",
        "Greta",
        "Geschäftsstelle",
        "ThCM-Geschäftsstelle",
        groups=(GROUP_STAFF,),
    ),
    DemoAccount(
        "board",
        "beirat@ris-portal.example",
        "Bernd",
        "Beirat",
        "Strategiebeirat Industrielle Produktion und Systeme",
    ),
    DemoAccount(
        "steering",
        "lenkungskreis@ris-portal.example",
        "Lena",
        "Lenkungskreis",
        "Lenkungskreis RIS Thüringen",
    ),
    DemoAccount(
        "ministry",
        "ministerium@ris-portal.example",
        "Moritz",
        "Ministerium",
        "Ministerium",
        groups=(GROUP_MINISTRY,),
    ),
    DemoAccount(
        "statistics",
        "statistik@ris-portal.example",
        "Sina",
        "Statistik",
        "Statistisches Landesamt",
        groups=(GROUP_STATISTICS,),
    ),
    DemoAccount(
        "admin",
        "admin@ris-portal.example",
        "Ada",
        "Administration",
        "Administration (Superuser)",
        superuser=True,
    ),
)


def seed_accounts() -> dict:
    """Create or refresh one demo account per role; returns {key: user}."""
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        user, _created = User.objects.update_or_create(
            username=account.email,
            defaults={
                "email": account.email,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_superuser": account.superuser,
                "is_staff": account.superuser,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"primary": True, "verified": True}
        )
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in account.groups])
        users[account.key] = user
    return users


def seed_all(*, stdout=None) -> dict:
    """Demo accounts plus every app's seed data (what `seed_demo` loads); returns the accounts."""
    stdout = stdout if stdout is not None else io.StringIO()
    started = timezone.now()
    data = seed_data()
    # One transaction: all or nothing, and what waits for the commit (e.g. the open-data
    # rebuild) runs once at the end instead of after every row.
    with transaction.atomic():
        accounts = seed_accounts()
        # Each app's `seed.run(data=..., accounts=..., stdout=...)`, in the order of INSTALLED_APPS
        # (which is the dependency order: fields before governance before monitoring).
        modules = [module for module in app_modules("seed") if module.__name__ != __name__]
        for module in modules:
            module.run(data=data, accounts=accounts, stdout=stdout)
        # Reports as of a Stichtag read the history: content that the demo presents as existing
        # since 2021 gets its history dated accordingly (only rows this run created).
        for module in modules:
            if hasattr(module, "backdate"):
                module.backdate(since=started)
    return accounts
