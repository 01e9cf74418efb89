"""Celery tasks of the governance app: thin adapters over services."""

from celery import shared_task

from . import services


@shared_task(name="governance.send_review_reminders")
def send_review_reminders_task() -> int:
    """Hourly (see `ris_portal/celery.py`): remind members 48 h before a round's deadline."""
    return services.review_reminders_send()


@shared_task(name="governance.purge_forum_registrations")
def purge_forum_registrations_task() -> int:
    """Daily: delete personal data of registrations after the event's retention period."""
    return services.registrations_purge()
