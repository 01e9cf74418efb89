from django.core.management.base import BaseCommand

from governance.services import review_reminders_send


class Command(BaseCommand):
    help = (
        "Erinnert Mitglieder, die in einer offenen Priorisierungsrunde noch nicht geantwortet "
        "haben, 48 Stunden vor der Frist per E-Mail (je Runde einmal). Stündlich ausführen."
    )

    def handle(self, *args, **options):
        sent = review_reminders_send()
        self.stdout.write(f"Erinnerungen versandt: {sent}")
