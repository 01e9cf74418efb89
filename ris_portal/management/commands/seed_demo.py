"""Load the Thuringia seed data and demo content; create one demo account per role."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = "Lädt die Thüringer Stammdaten und Demo-Inhalte und legt Demo-Konten an (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo legt Konten mit bekanntem Passwort an und ist deshalb nur mit "
                "DEBUG=True erlaubt."
            )
        with transaction.atomic():
            seed_all(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Daten geladen. Demo-Konten:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role_label:<55} {account.email}")
        self.stdout.write(f"  Passwort für alle Demo-Konten: {DEMO_PASSWORD}")
