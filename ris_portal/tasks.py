"""Celery tasks of the shared kernel: sending queued e-mails and the job sweep."""

import logging

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from . import emails, jobs

logger = logging.getLogger(__name__)

MAIL_RETRY_DELAYS = (30, 120, 600, 1800)  # seconds after the 1st, 2nd, … failed attempt


@shared_task(name="ris_portal.outbox_send", bind=True, acks_late=True, max_retries=None)
def outbox_send_task(self, mail_id: int) -> str:
    try:
        sent = emails.outbox_send(mail_id=mail_id)
    except Exception as exc:
        # SMTP away, mailbox full, …: back to "wartet" while attempts are left (the bound is
        # the row's max_attempts, not Celery's memory), else "fehlgeschlagen" with the reason.
        reason = f"{type(exc).__name__}: {exc}"
        logger.warning("Sending mail %s failed: %s", mail_id, reason)
        if jobs.job_release(emails.MAIL_JOB, pk=mail_id, reason=reason):
            attempt = max(0, min(self.request.retries, len(MAIL_RETRY_DELAYS) - 1))
            jobs.retry_later(self, countdown=MAIL_RETRY_DELAYS[attempt])
            return "released"
        return "failed"
    return "sent" if sent else "skipped"


@shared_task(name="ris_portal.jobs_sweep")
def jobs_sweep_task() -> dict:
    """Every minute (beat): re-enqueue lost, unsent or orphaned jobs; see `ris_portal.jobs`."""
    return jobs.jobs_sweep()


@worker_ready.connect
def _sweep_after_worker_start(sender=None, **kwargs):
    # A worker that was killed as a whole leaves its rows leased; once those leases can have
    # expired, sweep once, so that recovery does not depend on beat running.
    try:
        jobs_sweep_task.apply_async(countdown=settings.JOB_LEASE_SECONDS + 5)
    except Exception:  # noqa: BLE001 - the broker just went away again; beat will sweep
        logger.warning("Could not schedule the start-up sweep", exc_info=True)
