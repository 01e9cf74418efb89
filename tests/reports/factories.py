"""Factories for the reports app's rows, with small real PDFs (conventions: tests/factories.py)."""

import hashlib
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from reports.models import Narrative, Report


def tiny_pdf(pages: int = 1) -> bytes:
    """A real PDF of blank A4 pages (what a rendering or an upload stores)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class ReportFactory(factory.django.DjangoModelFactory):
    """A finished annual report (status "fertig") with its one-page PDF.

    The next free Fassung of its kind and year. Only a finished (or published) report has a
    file: one still requested, rendering or failed has none (`with_file=False` leaves it out of
    a finished one too); a published one is published now.
    """

    class Meta:
        model = Report

    kind = Report.Kind.ANNUAL
    year = 2024
    number = factory.LazyAttribute(
        lambda o: Report.objects.filter(kind=o.kind, year=o.year).count() + 1
    )
    title = factory.LazyAttribute(lambda o: f"Monitoringbericht {o.year}")
    status = Report.Status.READY
    with_file = factory.LazyAttribute(
        lambda o: o.status in (Report.Status.READY, Report.Status.PUBLISHED)
    )

    @classmethod
    def _create(cls, model_class, *args, with_file=True, **kwargs):
        report = model_class(*args, **kwargs)
        if with_file:
            content = tiny_pdf()
            report.file.save(report.filename, ContentFile(content), save=False)
            report.sha256 = hashlib.sha256(content).hexdigest()
            report.size = len(content)
            report.pages = 1
            report.finished_at = timezone.now()
        if report.status == Report.Status.PUBLISHED:
            report.published_at = timezone.now()
        report.save()
        return report


class NarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Narrative

    year = 2024
    chapter = Narrative.Chapter.STATEWIDE
    text = factory.Sequence(lambda n: f"Einschätzung {n}")
