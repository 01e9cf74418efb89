"""Celery application. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")

app = Celery("ris_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic jobs, all in one place (run by `celery -A ris_portal beat`); each entry names the
# equivalent cron line for installations that prefer cron and the management command.
app.conf.beat_schedule = {
    # governance: reminder e-mails 48 h before a review round's deadline (hourly, at :05);
    # equivalent cron line: `5 * * * * manage.py send_review_reminders`.
    "governance-review-reminders": {
        "task": "governance.send_review_reminders",
        "schedule": crontab(minute=5),
    },
    # governance: delete forum registrations' personal data after retention (daily, 03:15);
    # equivalent cron line: `15 3 * * * manage.py purge_forum_registrations`.
    "governance-purge-forum-registrations": {
        "task": "governance.purge_forum_registrations",
        "schedule": crontab(minute=15, hour=3),
    },
    # personal: daily digests of notifications, hourly at :07 (each person's digest goes out
    # with the first run after NOTIFICATION_DIGEST_HOUR; a missed run is caught up by the next);
    # equivalent cron line: `7 * * * * manage.py send_digests`.
    "personal-digests": {
        "task": "personal.send_digests",
        "schedule": crontab(minute=7),
    },
    # every background job (report renderings, e-mails; see ris_portal/jobs.py): once a minute,
    # re-enqueue jobs whose message was lost or never sent (broker down, Redis restarted) and
    # jobs whose worker died (lease expired); jobs out of attempts are marked failed.
    # Equivalent cron line: `* * * * * manage.py sweep_jobs`.
    "jobs-sweep": {
        "task": "ris_portal.jobs_sweep",
        "schedule": 60.0,
    },
    # open data: a safety-net rebuild of the package (changes rebuild it at once; this catches
    # state changes written without signals). Deterministic: nothing is stored when nothing
    # changed. Nightly at 02:30; equivalent cron line: `30 2 * * * manage.py build_open_data`.
    "opendata-nightly-rebuild": {
        "task": "opendata.schedule_rebuild",
        "schedule": crontab(minute=30, hour=2),
    },
}
