"""Mark reports stuck in "wird erstellt" as failed (also scheduled in ris_portal/celery.py)."""

import datetime

from django.core.management.base import BaseCommand

from reports.services import reports_mark_stuck
from reports.tasks import stuck_after


class Command(BaseCommand):
    help = "Markiert Berichte, die zu lange „wird erstellt“ sind, als fehlgeschlagen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help="Grenze in Minuten (Standard: REPORT_STUCK_AFTER_MINUTES, 15)",
        )

    def handle(self, *args, minutes, **options):
        older_than = datetime.timedelta(minutes=minutes) if minutes else stuck_after()
        count = reports_mark_stuck(older_than=older_than)
        self.stdout.write(f"{count} hängende Berichte als fehlgeschlagen markiert.")
