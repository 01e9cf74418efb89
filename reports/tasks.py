"""Celery tasks of the report pipeline (thin adapters around `reports.services`).

- `report_render_task`: acknowledged late and rejected when the worker is lost (global
  settings), so a dying worker hands the job to another; soft/hard time limits; a bounded
  number of attempts kept in `Report.attempts`/`max_attempts` (not only in Celery's memory);
  a terminal failure marks the report "fehlgeschlagen" with the reason in `on_failure`.
- `reports_detect_stuck_task`: the periodic safety net for jobs whose worker vanished
  without any of the above running (kill -9, hard time limit); see `ris_portal/celery.py`.
"""

import datetime
import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import services

logger = logging.getLogger(__name__)

RENDER_SOFT_TIME_LIMIT = 240  # seconds; a 40-page report takes well under 10 s
RENDER_TIME_LIMIT = 300
RETRY_DELAY = 10  # seconds between attempts (eager mode retries at once)


def stuck_after() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.REPORT_STUCK_AFTER_MINUTES)


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        report_id = kwargs.get("report_id", args[0] if args else None)
        if report_id is not None:
            services.report_mark_failed(report_id=report_id, reason=_reason(exc))
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
            raise self.retry(exc=exc, countdown=RETRY_DELAY) from exc
        raise
    return "rendered" if report else "skipped"


@shared_task
def reports_detect_stuck_task() -> int:
    return services.reports_mark_stuck(older_than=stuck_after())
