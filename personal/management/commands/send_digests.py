from django.core.management.base import BaseCommand

from personal.notifications import digests_send


class Command(BaseCommand):
    help = (
        "Versendet fällige tägliche Zusammenfassungen der Benachrichtigungen (stündlich aufrufen)."
    )

    def handle(self, *args, **options):
        count = digests_send()
        self.stdout.write(f"{count} Zusammenfassung(en) in den Postausgang gestellt.")
