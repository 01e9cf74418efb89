"""Writes for reports: request, render, fail, retry, publish, upload legacy, detect stuck jobs.

State machine: angefordert → wird erstellt → fertig → veröffentlicht, with
wird erstellt → angefordert (transient error, attempts left) or → fehlgeschlagen, and
fehlgeschlagen → angefordert (retry by staff). Every transition is a conditional UPDATE on
the expected old status, so two workers (or a worker and the stuck-job detector) can never
both act on the same report: the one whose UPDATE changed no row stops.
"""

from __future__ import annotations

import datetime
import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.services import indicator_values_lock_year

from .content import ReportSpec
from .models import Report
from .pdf import render_report_pdf

TITLES = {
    Report.Kind.ANNUAL: "Monitoringbericht {year}",
    Report.Kind.FINAL: "Abschlussbericht der Förderperiode {year}",
    Report.Kind.LEGACY: "Bericht {year}",
}


class ReportStateError(Exception):
    """The report is not in the state the action needs (e.g. publishing a failed report)."""


def _next_number(*, kind: str, year: int) -> int:
    current = Report.objects.filter(kind=kind, year=year).aggregate(n=Max("number"))["n"]
    return (current or 0) + 1


def _enqueue(report_id: int) -> None:
    from .tasks import report_render_task

    # REPORTS_QUEUE (optional) sends report jobs to dedicated workers (`celery worker -Q …`).
    queue = settings.REPORTS_QUEUE or None
    # Only after commit: the worker must find the row, and a rolled-back request sends nothing.
    transaction.on_commit(lambda: report_render_task.apply_async(args=[report_id], queue=queue))


@transaction.atomic
def report_request(
    *,
    year: int,
    kind: str = Report.Kind.ANNUAL,
    user,
    stichtag: datetime.date | None = None,
) -> Report:
    """Store a new version of the report for `year` and enqueue its rendering.

    `stichtag` (cut-off date) defaults to 31 December of the reporting year.
    """
    if kind == Report.Kind.LEGACY:
        raise ValidationError(_("Frühere Berichte werden hochgeladen, nicht erstellt."))
    report = Report(
        kind=kind,
        year=year,
        stichtag=stichtag or datetime.date(year, 12, 31),
        number=_next_number(kind=kind, year=year),
        title=TITLES[kind].format(year=year),
        requested_by=user,
    )
    report.full_clean()
    report.save()
    _enqueue(report.pk)
    return report


def report_claim(*, report_id: int) -> bool:
    """Take a requested report for rendering; False if someone else has it or it is done."""
    changed = Report.objects.filter(pk=report_id, status=Report.Status.REQUESTED).update(
        status=Report.Status.RENDERING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        error_message="",
    )
    return changed == 1


def report_render(*, report_id: int) -> Report | None:
    """Render a claimed report and store the PDF; returns None when there was nothing to do.

    Idempotent: a report that is already being rendered elsewhere, finished or published is
    left alone. The PDF is regenerated from the data on every attempt, never appended to.
    """
    if not report_claim(report_id=report_id):
        return None
    report = Report.objects.get(pk=report_id)
    rendered = render_report_pdf(
        ReportSpec(year=report.year, kind=report.kind, title=report.title, version=report.number)
    )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status != Report.Status.RENDERING:
            # The stuck-job detector gave up on us meanwhile; its verdict stands.
            return None
        report.file.save(report.filename, ContentFile(rendered.content), save=False)
        report.sha256 = rendered.sha256
        report.pages = rendered.pages
        report.size = rendered.size
        report.status = Report.Status.READY
        report.finished_at = timezone.now()
        report.error_message = ""
        report.save()
    return report


def report_release_for_retry(*, report_id: int, reason: str) -> bool:
    """After a transient error: back to "angefordert" if attempts are left; True if so."""
    report = Report.objects.get(pk=report_id)
    if report.attempts >= report.max_attempts:
        return False
    changed = Report.objects.filter(pk=report_id, status=Report.Status.RENDERING).update(
        status=Report.Status.REQUESTED, error_message=reason[:2000]
    )
    return changed == 1


def report_mark_failed(*, report_id: int, reason: str) -> bool:
    changed = Report.objects.filter(
        pk=report_id, status__in=[Report.Status.REQUESTED, Report.Status.RENDERING]
    ).update(status=Report.Status.FAILED, error_message=reason[:2000], finished_at=timezone.now())
    return changed == 1


@transaction.atomic
def report_retry(*, report: Report, user) -> Report:
    """Staff retry a failed report: a fresh round of attempts for the same version."""
    changed = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
        status=Report.Status.REQUESTED, attempts=0, started_at=None, finished_at=None
    )
    if changed != 1:
        raise ReportStateError(_("Nur fehlgeschlagene Berichte können erneut erstellt werden."))
    _enqueue(report.pk)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_publish(*, report: Report, user) -> Report:
    """Publish a finished report and lock that year's indicator values."""
    changed = Report.objects.filter(pk=report.pk, status=Report.Status.READY).update(
        status=Report.Status.PUBLISHED, published_at=timezone.now(), published_by=user
    )
    if changed != 1:
        raise ReportStateError(_("Nur fertige Berichte können veröffentlicht werden."))
    report.refresh_from_db()
    if report.kind != Report.Kind.LEGACY:
        # Inside the publish transaction: a failing lock also undoes the publication.
        indicator_values_lock_year(year=report.year, user=user)
    return report


def validate_pdf(content: bytes) -> int:
    """Raise ValidationError unless `content` is a readable PDF; return its page count."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not content.startswith(b"%PDF-"):
        raise ValidationError(_("Die Datei ist keine PDF-Datei."), code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(
                _("Die PDF-Datei ist verschlüsselt und kann nicht archiviert werden."),
                code="encrypted",
            )
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("Die PDF-Datei ist beschädigt und kann nicht gelesen werden."), code="broken"
        ) from error
    if pages < 1:
        raise ValidationError(_("Die PDF-Datei enthält keine Seiten."), code="empty")
    return pages


@transaction.atomic
def report_upload_legacy(
    *, year: int, title: str, description: str = "", content: bytes, user, publish: bool = True
) -> Report:
    """Store an earlier report (2017–2023) uploaded as PDF, with metadata."""
    pages = validate_pdf(content)
    now = timezone.now()
    report = Report(
        kind=Report.Kind.LEGACY,
        year=year,
        number=_next_number(kind=Report.Kind.LEGACY, year=year),
        title=title,
        description=description,
        status=Report.Status.PUBLISHED if publish else Report.Status.READY,
        requested_by=user,
        sha256=hashlib.sha256(content).hexdigest(),
        pages=pages,
        size=len(content),
        finished_at=now,
        published_at=now if publish else None,
        published_by=user if publish else None,
    )
    report.full_clean(exclude=["file"])
    report.file.save(report.filename, ContentFile(content), save=False)
    report.save()
    return report


def reports_mark_stuck(*, older_than: datetime.timedelta) -> int:
    """Mark reports stuck in "wird erstellt" (worker died, hard time limit) as failed."""
    cutoff = timezone.now() - older_than
    minutes = int(older_than.total_seconds() // 60)
    return Report.objects.filter(status=Report.Status.RENDERING, started_at__lt=cutoff).update(
        status=Report.Status.FAILED,
        finished_at=timezone.now(),
        error_message=_(
            "Die Erstellung wurde nach %(minutes)s Minuten ohne Ergebnis abgebrochen "
            "(Worker nicht erreichbar oder Zeitlimit überschritten)."
        )
        % {"minutes": minutes},
    )
