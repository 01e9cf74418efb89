"""Load the Thuringia seed data and demo content; create one demo account per role."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_data

# Each app's `seed.run(data=..., accounts=..., stdout=...)`, in dependency order.
SEED_MODULES = ("fields.seed", "governance.seed", "monitoring.seed")


class Command(BaseCommand):
    help = "Lädt die Thüringer Stammdaten und Demo-Inhalte und legt Demo-Konten an (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo legt Konten mit bekanntem Passwort an und ist deshalb nur mit "
                "DEBUG=True erlaubt."
            )
        data = seed_data()
        with transaction.atomic():
            accounts = seed_accounts()
            for module_name in SEED_MODULES:
                import_module(module_name).run(data=data, accounts=accounts, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Daten geladen. Demo-Konten:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role_label:<55} {account.email}")
        self.stdout.write(f"  Passwort für alle Demo-Konten: {DEMO_PASSWORD}")
