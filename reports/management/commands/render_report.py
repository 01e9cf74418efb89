"""`python manage.py render_report --year YYYY --output FILE.pdf`: render synchronously."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.content import ReportSpec
from reports.models import Report
from reports.pdf import render_report_pdf
from reports.services import TITLES


class Command(BaseCommand):
    help = "Erstellt den Monitoringbericht eines Jahres synchron als PDF/A-3a (ohne Worker)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Berichtsjahr, z. B. 2025")
        parser.add_argument("--output", required=True, help="Zieldatei, z. B. bericht.pdf")
        parser.add_argument(
            "--kind",
            choices=[Report.Kind.ANNUAL, Report.Kind.FINAL],
            default=Report.Kind.ANNUAL,
        )

    def handle(self, *args, year, output, kind, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Ungültiges Berichtsjahr: {year}")
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Das Verzeichnis {target.parent} existiert nicht.")
        started = time.perf_counter()
        rendered = render_report_pdf(
            ReportSpec(year=year, kind=kind, title=TITLES[kind].format(year=year))
        )
        target.write_bytes(rendered.content)
        self.stdout.write(
            f"{target}: {rendered.pages} Seiten, {rendered.chart_count} Diagramme, "
            f"{rendered.size} Bytes, SHA-256 {rendered.sha256}, "
            f"{time.perf_counter() - started:.1f} s"
        )
