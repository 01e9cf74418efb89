"""Writes for reports: request, render, fail, retry, publish, upload legacy.

State machine: angefordert → wird erstellt → fertig → veröffentlicht, with
wird erstellt → angefordert (transient error, attempts left) or → fehlgeschlagen, and
fehlgeschlagen → angefordert (retry by staff). The report row is a durable job
(`ris_portal.jobs`): every transition is a conditional UPDATE on the expected old status, a
claim is a lease that the renderer renews, and a report whose worker died is claimed again
once the lease expires (by the redelivered message or the periodic sweep), without a click.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models import YearLock
from monitoring.services import indicator_values_lock_year
from ris_portal import jobs
from ris_portal.emails import notify_staff
from ris_portal.files import FileIntegrityError, verify_sha256
from ris_portal.roles import roles_for

from .content import ReportSpec
from .models import Report
from .pdf import render_report_pdf
from .signals import report_published

logger = logging.getLogger(__name__)

TITLES: dict[str, str] = {
    Report.Kind.ANNUAL: "Monitoringbericht {year}",
    Report.Kind.FINAL: "Abschlussbericht der Förderperiode {year}",
    Report.Kind.LEGACY: "Bericht {year}",
}
MAX_SPAN_YEARS = 20


def report_title(kind: str, year: int, start_year: int | None = None) -> str:
    """The report's German title; a final report names its span („… 2021–2027“)."""
    span = f"{start_year}–{year}" if start_year is not None and start_year < year else year
    return TITLES[kind].format(year=span)


def report_span(*, kind: str, year: int, start_year: int | None) -> int:
    """The first year of the report: the span's start for a final report, else `year`.

    A final report without a start year covers its last year only (the request form asks for
    the start year; other callers keep working).
    """
    if kind != Report.Kind.FINAL or start_year is None:
        return year
    if not year - MAX_SPAN_YEARS <= start_year <= year:
        raise ValidationError(
            _(
                "Der Berichtszeitraum eines Abschlussberichts endet mit seinem Berichtsjahr und "
                "umfasst höchstens %(count)s Jahre."
            )
            % {"count": MAX_SPAN_YEARS + 1}
        )
    return start_year


class ReportStateError(Exception):
    """The report is not in the state the action needs (e.g. publishing a failed report)."""


REPORT_JOB = jobs.declare(
    Report,
    "reports.tasks.report_render_task",
    running=Report.Status.RENDERING,
    queue_setting="REPORTS_QUEUE",
)


def _next_number(*, kind: str, year: int) -> int:
    current = Report.objects.filter(kind=kind, year=year).aggregate(n=Max("number"))["n"]
    return (current or 0) + 1


def _in_progress(
    *, kind: str, year: int, start_year: int, stichtag: datetime.date
) -> Report | None:
    return (
        Report.objects.filter(
            kind=kind,
            year=year,
            start_year=start_year,
            stichtag=stichtag,
            status__in=[Report.Status.REQUESTED, Report.Status.RENDERING],
        )
        .order_by("number")
        .first()
    )


# Parallel requests race for the next version number. On PostgreSQL they queue on an advisory
# lock per year (held until the commit); the unique constraints stay the last word, and a
# request that still loses a race retries with a fresh count.
_REQUEST_TRIES = 5
_REQUEST_LOCK = 0x5249_5301  # an arbitrary key of our own for pg_advisory_xact_lock


def _serialise_requests(year: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_REQUEST_LOCK, year])


@transaction.atomic
def report_request(
    *,
    year: int,
    kind: str = Report.Kind.ANNUAL,
    user,
    stichtag: datetime.date | None = None,
    start_year: int | None = None,
) -> Report:
    """Store a new version of the report for `year` and enqueue its rendering.

    `stichtag` (cut-off date) defaults to 31 December of the reporting year. A final report
    (Abschlussbericht) covers `start_year`–`year`. Idempotent: while a report of the same kind,
    span and Stichtag is requested or being rendered, that report is returned instead of a
    second one (a double click, two staff members at once). The database enforces both rules
    (one version per number, one report in progress per kind, span and Stichtag), so parallel
    requests never see a 500.
    """
    if kind == Report.Kind.LEGACY:
        raise ValidationError(_("Frühere Berichte werden hochgeladen, nicht erstellt."))
    start_year = report_span(kind=kind, year=year, start_year=start_year)
    stichtag = stichtag or datetime.date(year, 12, 31)
    _serialise_requests(year)
    for _try in range(_REQUEST_TRIES):
        existing = _in_progress(kind=kind, year=year, start_year=start_year, stichtag=stichtag)
        if existing is not None:
            return existing
        report = Report(
            kind=kind,
            year=year,
            start_year=start_year,
            stichtag=stichtag,
            number=_next_number(kind=kind, year=year),
            title=report_title(kind, year, start_year),
            requested_by=user,
        )
        # The number is checked by the database (a parallel request may take it first).
        report.full_clean(exclude=["number"])
        try:
            with transaction.atomic():  # a savepoint: a lost race must not end the request
                report.save()
        except IntegrityError:
            continue
        jobs.job_enqueue(REPORT_JOB, pk=report.pk)
        return report
    raise ReportStateError(
        _("Der Bericht konnte wegen gleichzeitiger Anforderungen nicht angelegt werden.")
    )


def report_claim(*, report_id: int) -> bool:
    """Take a report for rendering (requested, or leased by a worker that died)."""
    return jobs.job_claim(REPORT_JOB, pk=report_id, started_at=timezone.now())


def report_render(*, report_id: int) -> Report | None:
    """Render a claimed report and store the PDF; returns None when there was nothing to do.

    Idempotent: a report that is being rendered by a live worker, finished or published is
    left alone. The PDF is regenerated from the data on every attempt, never appended to.
    """
    if not report_claim(report_id=report_id):
        return None
    report = Report.objects.get(pk=report_id)
    with jobs.job_lease_kept(REPORT_JOB, pk=report_id):
        rendered = render_report_pdf(
            ReportSpec(
                year=report.year,
                kind=report.kind,
                title=report.title,
                version=report.number,
                stichtag=report.stichtag,
                start_year=report.start_year if report.is_period else None,
            )
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status != Report.Status.RENDERING:
            # Failed for good meanwhile (e.g. by the sweep); its verdict stands.
            return None
        report.file.save(report.filename, ContentFile(rendered.content), save=False)
        report.sha256 = rendered.sha256
        report.pages = rendered.pages
        report.size = rendered.size
        report.status = Report.Status.READY
        report.finished_at = timezone.now()
        report.lease_until = None
        report.error_message = ""
        report.save()
        _notify_report(report, ready=True)
    return report


def _notify_report(report: Report, *, ready: bool, actor=None) -> None:
    """Ready: whoever requested it; published: staff, the ministry and the steering committee."""
    from django.utils.translation import gettext_lazy

    from personal import notifications
    from personal.models import Kind

    if ready:
        # Only while the requester may still open a draft report: rendering can finish long
        # after the request (a retry days later), and someone who has left the office since
        # would get the draft's title and a link that answers 404.
        requester = report.requested_by
        may_open = requester is not None and roles_for(requester).can_view_draft_reports
        users = {requester.pk} if may_open else set()
        title = gettext_lazy("Bericht fertig zur Prüfung: %(title)s")
    else:
        users = (
            notifications.staff_user_ids()
            | notifications.ministry_user_ids()
            | notifications.steering_member_ids()
        )
        title = gettext_lazy("Bericht veröffentlicht: %(title)s")
    notifications.notify(
        kind=Kind.REPORT,
        users=users,
        title=title,
        params={"title": report.title},
        url=reverse("reports:report_detail", kwargs={"pk": report.pk}),
        actor=actor,
    )


def report_release_for_retry(*, report_id: int, reason: str) -> bool:
    """After an error: back to "angefordert" if attempts are left (True), else failed."""
    return jobs.job_release(REPORT_JOB, pk=report_id, reason=reason)


def report_mark_failed(*, report_id: int, reason: str) -> bool:
    changed = Report.objects.filter(
        pk=report_id, status__in=[Report.Status.REQUESTED, Report.Status.RENDERING]
    ).update(
        status=Report.Status.FAILED,
        error_message=reason[:2000],
        finished_at=timezone.now(),
        lease_until=None,
    )
    return changed == 1


@transaction.atomic
def report_retry(*, report: Report, user) -> Report:
    """Staff retry a failed report: a fresh round of attempts for the same version."""
    Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
        started_at=None, finished_at=None
    )
    if not jobs.job_retry(REPORT_JOB, pk=report.pk):
        raise ReportStateError(_("Nur fehlgeschlagene Berichte können erneut erstellt werden."))
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
        indicator_values_lock_year(year=report.year, user=user, cause=YearLock.Cause.REPORT)
    report_published.send(sender=Report, report=report)
    _notify_report(report, ready=False, actor=user)
    return report


def report_verify_file(*, report: Report) -> None:
    """Raise FileIntegrityError unless the stored PDF matches the recorded SHA-256.

    A mismatch (a file changed on disk or in the bucket) is logged and reported to staff
    once per differing content; the caller refuses the download.
    """
    try:
        verify_sha256(report.file, report.sha256)
    except FileIntegrityError as error:
        logger.error(
            "Report %s (%s): stored file fails the SHA-256 check (expected %s, found %s)",
            report.pk,
            report.file.name,
            error.expected,
            error.actual,
        )
        notify_staff(
            "reports/emails/integrity_alert",
            {
                "report": report,
                "expected": error.expected,
                "actual": error.actual,
                "url": f"{settings.SITE_URL}{report.get_absolute_url()}",
            },
            dedupe_key=f"report-integrity:{report.pk}:{error.actual}",
        )
        raise


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
