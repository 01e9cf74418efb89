"""Celery task of the open-data build (a thin adapter around `opendata.services`)."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

RETRY_DELAY = 30  # seconds between attempts (eager mode retries at once)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=240,
    time_limit=300,
    # The real bound is PackageBuild.max_attempts (in the database); this is only a backstop.
    max_retries=10,
)
def package_build_task(self, build_id: int) -> str:
    try:
        build = services.package_build(build_id=build_id)
    except Exception as exc:
        logger.exception("Open-data build %s failed", build_id)
        # Storage or database hiccups are transient: retry while attempts are left.
        reason = f"{type(exc).__name__}: {exc}"
        if services.package_release_for_retry(build_id=build_id, reason=reason):
            raise self.retry(exc=exc, countdown=RETRY_DELAY) from exc
        return "failed"
    return "built" if build is not None else "skipped"


@shared_task(name="opendata.schedule_rebuild")
def schedule_rebuild_task() -> int:
    return services.package_schedule(reason="nächtliche Aktualisierung").pk
