"""Helpers for the report tests: small real PDFs and report rows in each status."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from reports.models import Report


def tiny_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_report(
    *,
    status=Report.Status.READY,
    year=2024,
    kind=Report.Kind.ANNUAL,
    number=None,
    with_file=True,
    **extra,
) -> Report:
    number = number or (Report.objects.filter(kind=kind, year=year).count() + 1)
    report = Report(
        kind=kind,
        year=year,
        number=number,
        title=f"Monitoringbericht {year}",
        status=status,
        **extra,
    )
    if with_file:
        content = tiny_pdf()
        report.file.save(report.filename, ContentFile(content), save=False)
        report.sha256 = hashlib.sha256(content).hexdigest()
        report.size = len(content)
        report.pages = 1
        report.finished_at = timezone.now()
    if status == Report.Status.PUBLISHED:
        report.published_at = timezone.now()
    report.save()
    return report
