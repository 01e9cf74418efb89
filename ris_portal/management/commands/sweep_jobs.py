"""Drive unfinished background jobs again (also scheduled every minute in ris_portal/celery.py)."""

from django.core.management.base import BaseCommand

from ris_portal.jobs import jobs_sweep


class Command(BaseCommand):
    help = (
        "Stellt nicht abgeschlossene Hintergrundaufträge (Berichte, E-Mails) erneut in die "
        "Warteschlange und markiert Aufträge ohne verbleibende Versuche als fehlgeschlagen."
    )

    def handle(self, *args, **options):
        for label, count in jobs_sweep().items():
            self.stdout.write(f"{label}: {count} erneut eingereiht")
