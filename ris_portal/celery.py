"""Celery application. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")

app = Celery("ris_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic jobs, all in one place. Each app contributes its entries in its tasks module
# via `ris_portal.celery.app.conf.beat_schedule.update(...)`; see the docs for the cron lines.
app.conf.beat_schedule = {
    # Every 5 minutes: mark reports stuck in "wird erstellt" for longer than
    # REPORT_STUCK_AFTER_MINUTES (worker killed, hard time limit) as "fehlgeschlagen".
    "reports-detect-stuck": {
        "task": "reports.tasks.reports_detect_stuck_task",
        "schedule": 300.0,
    },
}
