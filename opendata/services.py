"""Writes of the open-data app: schedule a rebuild, build, and find the files to serve.

A change to public data schedules a rebuild (`package_schedule`): all changes coalesce into the
one waiting build row, whose job is enqueued after the commit with a short delay. The worker
claims the row (only then it reads the data, so every change committed before the claim is in
the package; a change during the build schedules the next one), builds all files in memory,
stores them and marks the row done. The newest done build is served.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from ris_portal import jobs

from .models import PackageBuild
from .package import build_package

logger = logging.getLogger(__name__)

PACKAGE_JOB = jobs.declare(
    PackageBuild, "opendata.tasks.package_build_task", running=PackageBuild.Status.RUNNING
)
FOLDER = "open-data"


def package_schedule(*, reason: str) -> PackageBuild:
    """Ask for a rebuild; joins the waiting build if there is one (idempotent)."""
    pending = PackageBuild.objects.filter(status=PackageBuild.Status.PENDING).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            build = PackageBuild.objects.create(reason=reason[:200])
    except IntegrityError:
        # Another request created the waiting build a moment ago: join it.
        return PackageBuild.objects.get(status=PackageBuild.Status.PENDING)
    jobs.job_enqueue(PACKAGE_JOB, pk=build.pk, countdown=settings.OPEN_DATA_REBUILD_DELAY)
    return build


def package_current() -> PackageBuild | None:
    return (
        PackageBuild.objects.filter(status=PackageBuild.Status.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )


def package_build(*, build_id: int) -> PackageBuild | None:
    """Build a claimed row; None when there was nothing to do (claimed elsewhere, finished)."""
    if not jobs.job_claim(PACKAGE_JOB, pk=build_id, started_at=timezone.now()):
        return None
    started = time.monotonic()
    with jobs.job_lease_kept(PACKAGE_JOB, pk=build_id):
        files = build_package()
        manifest: dict[str, dict[str, Any]] = {
            f.name: {"sha256": f.sha256, "bytes": len(f.content), "media_type": f.media_type}
            for f in files
        }
        current = package_current()
        if current is not None and current.files == manifest and _stored(current):
            folder = current.folder  # unchanged: nothing new to write
        else:
            folder = f"{FOLDER}/build-{build_id}"
            for f in files:
                path = f"{folder}/{f.name}"
                if default_storage.exists(path):  # a retried attempt regenerates, never appends
                    default_storage.delete(path)
                default_storage.save(path, ContentFile(f.content))
    with transaction.atomic():
        build = PackageBuild.objects.select_for_update().get(pk=build_id)
        if build.status != PackageBuild.Status.RUNNING:
            return None  # failed for good meanwhile (sweep); its verdict stands
        build.status = PackageBuild.Status.DONE
        build.folder = folder
        build.files = manifest
        build.package_sha256 = manifest["datapackage.json"]["sha256"]
        build.finished_at = timezone.now()
        build.duration_ms = int((time.monotonic() - started) * 1000)
        build.lease_until = None
        build.error_message = ""
        build.save()
    return build


def _stored(build: PackageBuild) -> bool:
    return all(default_storage.exists(f"{build.folder}/{name}") for name in build.files)


def package_release_for_retry(*, build_id: int, reason: str) -> bool:
    return jobs.job_release(PACKAGE_JOB, pk=build_id, reason=reason)


def package_retry(*, build: PackageBuild) -> bool:
    """Staff retry a failed build (a fresh round of attempts).

    A build that waits already covers the same data: then that one is driven instead.
    """
    pending = PackageBuild.objects.filter(status=PackageBuild.Status.PENDING).first()
    if pending is not None:
        jobs.job_enqueue(PACKAGE_JOB, pk=pending.pk)
        return True
    return jobs.job_retry(PACKAGE_JOB, pk=build.pk)


def package_build_now(*, reason: str) -> PackageBuild | None:
    """Build synchronously (first request on a fresh installation, management command).

    On an error the row is released like a worker would release it (retried later by the
    sweep while attempts are left) and the error is raised.
    """
    build = package_schedule(reason=reason)
    try:
        return package_build(build_id=build.pk)
    except Exception as exc:
        package_release_for_retry(build_id=build.pk, reason=f"{type(exc).__name__}: {exc}")
        raise


def package_open(build: PackageBuild, name: str):
    return default_storage.open(f"{build.folder}/{name}", "rb")
