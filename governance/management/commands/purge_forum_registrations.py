from django.core.management.base import BaseCommand

from governance.services import registrations_purge


class Command(BaseCommand):
    help = (
        "Löscht die personenbezogenen Daten von Anmeldungen zu Forumsveranstaltungen, deren "
        "Aufbewahrungsfrist (je Veranstaltung einstellbar) abgelaufen ist. Die Anzahl der "
        "Teilnehmenden bleibt erhalten. Nie bestätigte Anmeldungen werden nach Ablauf ihres "
        "Bestätigungslinks gelöscht. Täglich ausführen."
    )

    def handle(self, *args, **options):
        purged = registrations_purge()
        self.stdout.write(f"Anmeldungen anonymisiert oder gelöscht: {purged}")
