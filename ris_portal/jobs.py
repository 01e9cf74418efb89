"""Durable background jobs: the database row is the job record, the queue only a doorbell.

Every background job of the portal (report renderings, outgoing e-mails, …) is a row of a
model that inherits `LeasedJob`. A worker may only work on a row it has *claimed*: a single
conditional UPDATE that moves the row from its pending state to its running state, counts an
attempt and sets a lease (`lease_until`). While working, the worker renews the lease
(`job_lease_kept`); a worker that is killed stops renewing, the lease expires, and the next
claim (a redelivered message, a retry or the periodic sweep) takes the row over. Nothing
waits for staff and nothing is lost:

- `job_enqueue()` rings the doorbell after the commit. A broker that is down is logged, never
  raised: the row stays pending and `jobs_sweep()` rings again (and again after a Redis restart
  that lost the message), so a request never answers 500 because Redis is away.
- `jobs_sweep()` (every minute from beat, once after a worker starts, and in the embedded
  setup from a thread) re-enqueues pending rows whose doorbell is older than `JOB_REQUEUE_AFTER`
  and running rows whose lease expired; rows out of attempts become failed with the reason.
- Attempts are bounded by `max_attempts` on the row, so they are visible and survive restarts.

Without a broker (`make run`, no REDIS_URL) the task runs in a background thread after the
commit, so the page answers at once and shows the same progress as with Celery.

A job kind is declared once with `JobKind(...)` and registered with `register()` (or both at once
with `declare()` for the usual status life); see
`docs/dev/conventions.md` ("Background jobs and e-mail").
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
import time
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import close_old_connections, connections, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class LeasedJob(models.Model):
    """The bookkeeping fields every durable job row carries."""

    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("höchstens Versuche"), default=3)
    lease_until = models.DateTimeField(_("reserviert bis"), null=True, blank=True, editable=False)
    enqueued_at = models.DateTimeField(
        _("zuletzt in die Warteschlange gestellt"), null=True, blank=True, editable=False
    )
    error_message = models.TextField(_("Fehlermeldung"), blank=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class JobKind:
    """How the generic helpers drive one model's rows.

    `task` is the Celery task name that processes one row (it takes the primary key as its
    only argument); `queue_setting` optionally names a setting with a dedicated queue.
    """

    model: type[models.Model]
    task: str
    pending: str
    running: str
    failed: str
    status_field: str = "status"
    queue_setting: str = ""

    @property
    def label(self) -> str:
        return self.model._meta.label


_REGISTRY: dict[str, JobKind] = {}


def _rows(kind: JobKind) -> models.QuerySet:
    return kind.model._default_manager.all()


def register(kind: JobKind) -> JobKind:
    _REGISTRY[kind.label] = kind
    return kind


def declare(
    model: type[models.Model], task: str, *, running: str, queue_setting: str = ""
) -> JobKind:
    """Register the job kind of `model` whose status field follows the usual life: a new row
    waits in the field's default, is worked on in `running` and ends in `Status.FAILED`."""
    status = cast(models.Field, model._meta.get_field("status"))
    return register(
        JobKind(
            model=model,
            task=task,
            pending=status.default,
            running=running,
            failed=model.Status.FAILED,  # type: ignore[attr-defined]
            queue_setting=queue_setting,
        )
    )


def registered_kinds() -> list[JobKind]:
    return list(_REGISTRY.values())


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)


# --- claiming and finishing ---------------------------------------------------------------------


def job_claim(kind: JobKind, *, pk: int, **extra) -> bool:
    """Take the row for work: True for exactly one caller.

    Claimable are pending rows and running rows whose lease expired (their worker died), in
    both cases only while attempts are left. `extra` fields are set in the same UPDATE.
    """
    now = timezone.now()
    status = kind.status_field
    claimable = Q(**{status: kind.pending}) | (
        Q(**{status: kind.running}) & (Q(lease_until__lt=now) | Q(lease_until__isnull=True))
    )
    changed = (
        _rows(kind)
        .filter(claimable, pk=pk, attempts__lt=F("max_attempts"))
        .update(
            **{status: kind.running},
            lease_until=now + lease_length(),
            attempts=F("attempts") + 1,
            error_message="",
            **extra,
        )
    )
    return changed == 1


def job_lease_remaining(kind: JobKind, *, pk: int) -> float | None:
    """Seconds until a running row's lease expires (None if the row is not running)."""
    row = (
        _rows(kind).filter(pk=pk, **{kind.status_field: kind.running}).values("lease_until").first()
    )
    if row is None or row["lease_until"] is None:
        return None
    return max(0.0, (row["lease_until"] - timezone.now()).total_seconds())


def job_renew(kind: JobKind, *, pk: int) -> bool:
    changed = (
        _rows(kind)
        .filter(pk=pk, **{kind.status_field: kind.running})
        .update(lease_until=timezone.now() + lease_length())
    )
    return changed == 1


@contextlib.contextmanager
def job_lease_kept(kind: JobKind, *, pk: int):
    """Renew the lease from a side thread while the body runs (long renderings).

    The first renewal comes after a third of the lease, so short jobs never touch the
    database from the thread. A killed process stops renewing: that is the point.
    """
    stop = threading.Event()
    interval = max(1.0, settings.JOB_LEASE_SECONDS / 3)

    def renew():
        try:
            while not stop.wait(interval):
                try:
                    job_renew(kind, pk=pk)
                except Exception:  # noqa: BLE001 - database away: the lease may lapse
                    logger.warning("Could not renew the lease of %s %s", kind.label, pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=renew, name=f"lease-{kind.label}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def job_release(kind: JobKind, *, pk: int, reason: str) -> bool:
    """After an error: back to pending if attempts are left (True), else failed (False)."""
    status = kind.status_field
    running = _rows(kind).filter(pk=pk, **{status: kind.running})
    released = running.filter(attempts__lt=F("max_attempts")).update(
        **{status: kind.pending}, lease_until=None, error_message=reason[:2000]
    )
    if released:
        return True
    running.update(**{status: kind.failed}, lease_until=None, error_message=reason[:2000])
    return False


def job_retry(kind: JobKind, *, pk: int) -> bool:
    """Staff retry a failed row: a fresh round of attempts, enqueued after the commit."""
    changed = (
        _rows(kind)
        .filter(pk=pk, **{kind.status_field: kind.failed})
        .update(**{kind.status_field: kind.pending}, attempts=0, lease_until=None, enqueued_at=None)
    )
    if changed:
        job_enqueue(kind, pk=pk)
    return changed == 1


# --- enqueueing -----------------------------------------------------------------------------------


def job_enqueue(kind: JobKind, *, pk: int, countdown: float | None = None) -> None:
    """Ring the doorbell for one row once the current transaction commits."""
    transaction.on_commit(lambda: _dispatch(kind, pk, countdown))


# After a failed publish, web processes leave the broker alone for a few seconds: each
# request would otherwise wait for a connection attempt while Redis is down. Jobs stay pending
# in the database meanwhile and the sweep sends them.
BROKER_PAUSE = 15.0  # seconds
_broker_down_until = 0.0


def broker_pause_reset() -> None:
    global _broker_down_until
    _broker_down_until = 0.0


def _dispatch(
    kind: JobKind, pk: int, countdown: float | None = None, *, may_pause: bool = True
) -> bool:
    global _broker_down_until
    from .celery import app

    if settings.RIS_TASKS_IN_THREAD:
        _run_in_thread(kind, pk)
        return True
    if may_pause and time.monotonic() < _broker_down_until:
        logger.warning("Broker paused after an error: %s %s waits for the sweep", kind.label, pk)
        return False
    queue = getattr(settings, kind.queue_setting, "") if kind.queue_setting else ""
    try:
        # Through the registered task (not send_task) so that eager mode in tests applies.
        app.tasks[kind.task].apply_async(
            args=[pk],
            queue=queue or None,
            countdown=countdown,
            # A broker that is down must not hold the request: fail fast, the sweep retries.
            retry=False,
        )
    except Exception as exc:  # noqa: BLE001 - any broker failure: the sweep takes over
        _broker_down_until = time.monotonic() + BROKER_PAUSE
        logger.warning(
            "Could not enqueue %s %s (%s: %s); the periodic sweep will retry.",
            kind.label,
            pk,
            type(exc).__name__,
            exc,
        )
        return False
    _rows(kind).filter(pk=pk).update(enqueued_at=timezone.now())
    return True


def retry_later(task, *, countdown: float, exc: BaseException | None = None) -> None:
    """`raise task.retry(...)`, unless the retry cannot be published (broker down).

    Then the row has already been released (or is leased) in the database and the sweep will
    enqueue it again, so the task ends quietly instead of failing the job for good.
    """
    from celery.exceptions import Retry

    try:
        raise task.retry(exc=exc, countdown=countdown)
    except Retry:
        raise
    except Exception as error:  # noqa: BLE001 - broker away; the sweep takes over
        logger.warning("Could not schedule a retry (%s); the sweep will resume the job", error)


def _run_in_thread(kind: JobKind, pk: int) -> None:
    """Embedded setup: run the task beside the request instead of inside it."""
    from .celery import app

    def run():
        close_old_connections()
        try:
            _rows(kind).filter(pk=pk).update(enqueued_at=timezone.now())
            app.tasks[kind.task].apply(args=[pk])
        except Exception:  # noqa: BLE001 - logged; the row keeps its state for the sweep
            logger.exception("In-process job %s %s failed", kind.label, pk)
        finally:
            connections.close_all()

    threading.Thread(target=run, name=f"job-{kind.label}-{pk}", daemon=True).start()


# --- the sweep --------------------------------------------------------------------------------------


def jobs_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Drive every unfinished row of every registered kind again; returns counts per kind."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.JOB_REQUEUE_AFTER_SECONDS)
    counts = {}
    for kind in registered_kinds():
        status = kind.status_field
        objects = _rows(kind)
        expired = Q(**{status: kind.running}) & (
            Q(lease_until__lt=now) | Q(lease_until__isnull=True)
        )
        # Out of attempts with the lease gone: the worker died on its last attempt.
        exhausted = objects.filter(expired, attempts__gte=F("max_attempts")).update(
            **{status: kind.failed},
            lease_until=None,
            error_message=_(
                "Die Verarbeitung wurde nach dem letzten Versuch abgebrochen (Worker beendet "
                "oder Zeitlimit überschritten)."
            ),
        )
        due = list(
            objects.filter(
                expired
                | (
                    Q(**{status: kind.pending})
                    & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=stale))
                )
            )
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.JOB_SWEEP_BATCH]
        )
        for pk in due:
            _dispatch(kind, pk, may_pause=False)
        counts[kind.label] = len(due)
        if due or exhausted:
            logger.info(
                "Job sweep %s: %d re-enqueued, %d failed for good", kind.label, len(due), exhausted
            )
    return counts


def start_embedded_sweeper() -> None:
    """Embedded setup (no broker, no beat): sweep from a daemon thread once a minute."""

    def loop():
        stop = threading.Event()
        while not stop.wait(settings.JOB_SWEEP_INTERVAL_SECONDS):
            close_old_connections()
            try:
                jobs_sweep()
            except Exception:  # noqa: BLE001 - e.g. database not migrated yet
                logger.warning("Embedded job sweep failed", exc_info=True)
            finally:
                connections.close_all()

    threading.Thread(target=loop, name="job-sweeper", daemon=True).start()
