"""Celery tasks of the personal area: thin adapters over services."""

from celery import shared_task

from . import notifications


@shared_task(name="personal.send_digests")
def send_digests_task() -> int:
    """Hourly (see `ris_portal/celery.py`): queue the daily digests that are due."""
    return notifications.digests_send()
