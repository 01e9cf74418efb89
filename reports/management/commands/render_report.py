"""`python manage.py render_report --year YYYY --output FILE.pdf [--stichtag YYYY-MM-DD]`.

Renders synchronously, as everything stood at the end of the Stichtag (default 31 December).
`--start-year YYYY` renders the final report (Abschlussbericht) over start year–year.
"""

import datetime
import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.content import ReportSpec
from reports.content.base import stichtag_error
from reports.models import Report
from reports.pdf import render_report_pdf
from reports.services import report_span, report_title


class Command(BaseCommand):
    help = "Erstellt den Monitoringbericht eines Jahres synchron als PDF/A-3a (ohne Worker)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Berichtsjahr, z. B. 2025")
        parser.add_argument("--output", required=True, help="Zieldatei, z. B. bericht.pdf")
        parser.add_argument(
            "--stichtag",
            help="Stichtag JJJJ-MM-TT (Standard: 31. Dezember des Berichtsjahres)",
        )
        parser.add_argument(
            "--kind",
            choices=[Report.Kind.ANNUAL, Report.Kind.FINAL],
            default=Report.Kind.ANNUAL,
        )
        parser.add_argument(
            "--start-year",
            type=int,
            help="Erstes Jahr des Berichtszeitraums: erstellt den Abschlussbericht, z. B. 2021",
        )

    def handle(self, *args, year, output, kind, stichtag, start_year, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"Ungültiges Berichtsjahr: {year}")
        if start_year is not None:
            kind = Report.Kind.FINAL
        try:
            start_year = report_span(kind=kind, year=year, start_year=start_year)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        cutoff = None
        if stichtag:
            try:
                cutoff = datetime.date.fromisoformat(stichtag)
            except ValueError as error:
                raise CommandError(
                    f"Ungültiger Stichtag: {stichtag} (erwartet JJJJ-MM-TT)"
                ) from error
            error = stichtag_error(year, cutoff)
            if error:
                raise CommandError(error)
        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"Das Verzeichnis {target.parent} existiert nicht.")
        started = time.perf_counter()
        rendered = render_report_pdf(
            ReportSpec(
                year=year,
                kind=kind,
                title=report_title(kind, year, start_year),
                stichtag=cutoff,
                start_year=start_year if start_year < year else None,
            )
        )
        target.write_bytes(rendered.content)
        self.stdout.write(
            f"{target}: Stichtag {(cutoff or datetime.date(year, 12, 31)):%d.%m.%Y}, "
            f"{rendered.pages} Seiten, {rendered.chart_count} Diagramme, "
            f"{rendered.size} Bytes, SHA-256 {rendered.sha256}, "
            f"{time.perf_counter() - started:.1f} s"
        )
