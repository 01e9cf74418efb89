"""Celery tasks of the report pipeline (thin adapters around `reports.services`).

The report row is the job record (`ris_portal.jobs`): the task claims it with a lease, renews
the lease while rendering and stores the result. What happens when things go wrong:

- a transient error: the row goes back to "angefordert" while attempts are left
  (`Report.max_attempts`, kept in the database) and the task retries after RETRY_DELAY;
- the worker process is killed: the message is redelivered (acks late, reject on worker
  lost); the redelivered task finds the row leased and retries once the lease has expired,
  then claims it. A worker killed as a whole is covered by the periodic sweep;
- the last attempt fails: `on_failure` marks the report "fehlgeschlagen" with the reason.
"""

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded

from ris_portal import jobs

from . import services

logger = logging.getLogger(__name__)

RENDER_SOFT_TIME_LIMIT = 240  # seconds; a 40-page report takes well under 10 s
RENDER_TIME_LIMIT = 300
RETRY_DELAY = 10  # seconds between attempts (eager mode retries at once)


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        report_id = kwargs.get("report_id", args[0] if args else None)
        if report_id is not None:
            try:
                services.report_mark_failed(report_id=report_id, reason=_reason(exc))
            except Exception:  # noqa: BLE001 - database away: the lease lapses, the sweep decides
                logger.warning("Could not mark report %s as failed", report_id, exc_info=True)
        logger.error("Report %s failed: %s", report_id, exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return "Zeitlimit der Berichtserstellung überschritten."
    return f"{type(exc).__name__}: {exc}"


@shared_task(
    bind=True,
    base=ReportTask,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=RENDER_SOFT_TIME_LIMIT,
    time_limit=RENDER_TIME_LIMIT,
    # The real bound is Report.max_attempts (in the database); this is only a backstop.
    max_retries=10,
)
def report_render_task(self, report_id: int) -> str:
    try:
        report = services.report_render(report_id=report_id)
    except Exception as exc:
        # Any error while rendering or storing may be transient (storage, database, memory):
        # release the report for another attempt while attempts are left, else fail for good.
        if services.report_release_for_retry(report_id=report_id, reason=_reason(exc)):
            jobs.retry_later(self, exc=exc, countdown=RETRY_DELAY)
            return "released"
        raise
    if report is not None:
        return "rendered"
    remaining = jobs.job_lease_remaining(services.REPORT_JOB, pk=report_id)
    if remaining is not None and not self.request.is_eager:
        # Leased by another worker: alive (it renews) or dead (the lease runs out). Come back
        # when the lease would have expired; a live worker will have finished by then.
        jobs.retry_later(self, countdown=remaining + 1)
    return "skipped"
