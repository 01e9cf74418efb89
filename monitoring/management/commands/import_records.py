"""`python manage.py import_records {activities|indicator-values|actors} FILE [--dry-run]`.

The same validation as the import in the browser. Exit 0 with the counts when imported (or, with
--dry-run, when the file would import); exit 1 with the German row errors when the file is
rejected, and then nothing is imported. Never a traceback for a bad file.

Plausibility warnings (indicator values) are listed; as in the browser, the file imports only
when each warned row has a reason in its column "Begründung" or `--begruendung TEXT` gives one
for the whole file (stored as the confirmation of every warned row).
"""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from monitoring.importing import max_bytes
from monitoring.models import ImportBatch
from monitoring.services import import_batch_confirm, import_batch_create, import_preview

UNCONFIRMED = (
    "Die Datei enthält auffällige Werte ohne Begründung. Prüfen Sie die Warnungen und geben Sie "
    "eine Begründung in der Spalte „Begründung“ oder mit --begruendung an."
)


class Command(BaseCommand):
    help = "Importiert Aktivitäten, Indikatorwerte oder Akteure aus einer CSV- oder XLSX-Datei."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[kind.value for kind in ImportBatch.Kind])
        parser.add_argument("file", help="Pfad zur CSV- oder XLSX-Datei")
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen, nichts importieren."
        )
        parser.add_argument(
            "--begruendung",
            default="",
            metavar="TEXT",
            help="Begründung für auffällige Indikatorwerte (Plausibilitätswarnungen).",
        )

    def handle(self, *args, kind, file, dry_run, begruendung, **options):
        path = Path(file)
        try:
            if not path.is_file():
                raise CommandError(f"Die Datei „{file}“ wurde nicht gefunden.")
            if path.stat().st_size > max_bytes():
                content = path.read_bytes()[: max_bytes() + 1]
            else:
                content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Die Datei „{file}“ kann nicht gelesen werden: {error}") from error
        if dry_run:
            preview = import_preview(kind=kind, file_name=path.name, content=content)
            if not preview.is_valid:
                return self._reject(preview.error_messages)
            self._warnings(preview)
            if preview.unconfirmed_warning_rows and not begruendung.strip():
                return self._reject([UNCONFIRMED])
            self._counts(preview.counts, prefix="Prüfung erfolgreich (nichts importiert)")
            return
        batch, preview = import_batch_create(
            kind=kind, file_name=path.name, content=content, user=None
        )
        if batch is None:
            return self._reject(preview.error_messages)
        self._warnings(preview)
        try:
            batch = import_batch_confirm(batch=batch, user=None, quality_reason=begruendung)
        except ValidationError as error:
            return self._reject(error.messages)
        self._counts(
            {
                "new": batch.new_count,
                "changed": batch.changed_count,
                "unchanged": batch.unchanged_count,
            },
            prefix=f"Importiert (Importvorgang {batch.pk})",
        )

    def _counts(self, counts, *, prefix):
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: {counts['new']} neu, {counts['changed']} geändert, "
                f"{counts['unchanged']} unverändert."
            )
        )

    def _warnings(self, preview):
        for row in preview.warning_rows:
            for warning in row.warnings:
                self.stderr.write(
                    f"  Warnung Zeile {row.line} ({row.label_text}): {warning.message}"
                )

    def _reject(self, messages):
        self.stderr.write("Die Datei wurde abgelehnt; es wurde nichts importiert.")
        for message in messages:
            self.stderr.write(f"  {message}")
        sys.exit(1)
