"""Benchmark: import 10,000 activity rows (preview + confirm) through the service the UI uses.

Usage (from the project root):

    .venv/bin/python bench/import_activities.py [--rows 10000]

Without DATABASE_URL a fresh SQLite file in a temporary directory is created and migrated; with
DATABASE_URL the benchmark migrates that database and imports into it (use a scratch database).
Prints the time of the preview (upload + validation) and of the confirmed import (wall time), and
the CPU time of this process with the load average (wall time grows when the machine is busy).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="ris-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")

    import django
    from django.conf import settings

    if not os.environ.get("DATABASE_URL"):
        # A fresh SQLite database for every run (the settings module is patched before setup).
        settings_db = Path(tmp) / "bench.sqlite3"
        from ris_portal import settings as project_settings

        project_settings.DATABASES["default"]["NAME"] = str(settings_db)
    django.setup()
    # As in production: no SQL logging (DEBUG=True keeps every query in memory).
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model

    from fields.models import Actor, SpecializationField, Theme
    from monitoring.models import Activity
    from monitoring.services import import_batch_confirm, import_batch_create

    codes = ["IPS", "NIML", "GLGW", "NERV", "IKT"]
    fields = []
    for order, code in enumerate(codes):
        field, _ = SpecializationField.objects.get_or_create(
            code=code, defaults={"slug": f"bench-{code.lower()}", "name": code, "order": order}
        )
        fields.append(field)
    for field in fields:
        Theme.objects.get_or_create(
            slug=f"bench-thema-{field.code.lower()}",
            defaults={"field": field, "name": f"Thema {field.code}"},
        )
    for number in range(50):
        Actor.objects.get_or_create(
            name=f"Bench-Akteur {number}", defaults={"kind": Actor.Kind.COMPANY}
        )
    user, _ = get_user_model().objects.get_or_create(username="bench@example.org")

    kinds = ["Veranstaltung", "FuE-Projekt", "Netzwerktreffen", "Studie", "Beratung"]
    sources = ["Land", "Bund", "EU", "privat"]
    lines = [
        "Kennung;Art;Titel;Beginn;Ende;Felder;Themen;Akteure;Teilnehmende;Fördersumme;"
        "Förderquelle;Beschreibung"
    ]
    run = int(time.time())
    for n in range(args.rows):
        code = codes[n % 5]
        lines.append(
            f"BENCH-{run}-{n:05d};{kinds[n % 5]};Aktivität {n};{1 + n % 28:02d}.{1 + n % 12:02d}."
            f"{2021 + n % 5};;{code};bench-thema-{code.lower()};Bench-Akteur {n % 50}|"
            f"Bench-Akteur {(n + 7) % 50};{n % 300};{n * 17 % 100000}.{n % 1000:03d},50;"
            f"{sources[n % 4]};Beschreibung der Aktivität {n}"
        )
    content = ("\n".join(lines) + "\n").encode("cp1252")
    print(f"Datei: {args.rows} Zeilen, {len(content) / 1024 / 1024:.2f} MB (Windows-1252, ';')")

    cpu_started = time.process_time()
    started = time.perf_counter()
    batch, preview = import_batch_create(
        kind="activities", file_name="bench.csv", content=content, user=user
    )
    previewed = time.perf_counter()
    if batch is None:
        print("Vorschau abgelehnt:", preview.error_messages[:5])
        sys.exit(1)
    import_batch_confirm(batch=batch, user=user)
    finished = time.perf_counter()
    cpu = time.process_time() - cpu_started

    imported = Activity.objects.filter(import_batch=batch).count()
    print(f"Datenbank: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(f"Vorschau (Hochladen + Prüfen): {previewed - started:.2f} s")
    print(f"Import (erneute Prüfung + Schreiben): {finished - previewed:.2f} s")
    print(f"Gesamt für {imported} Zeilen: {finished - started:.2f} s")
    # Wall time suffers when other processes compete for the CPU; CPU time does not.
    print(f"davon CPU-Zeit dieses Prozesses: {cpu:.2f} s (Last: {os.getloadavg()[0]:.1f})")
    if imported != args.rows:
        print("FEHLER: nicht alle Zeilen importiert")
        sys.exit(1)


if __name__ == "__main__":
    main()
