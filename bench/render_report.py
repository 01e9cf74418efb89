"""Benchmark: render the annual report from data at 10× the demo scale.

    .venv/bin/python bench/render_report.py [--scale 10] [--output /tmp/bench-report.pdf]

Builds a throw-away SQLite database (never the project database), loads the Thuringia seed
data and generates, per 1× of scale and per field: 2 themes, 4 actors, one value network with
a published roadmap of 2 action fields × 3 measures, plus 10 board members per body and
8 indicators. At 10× that is 400+ themes, 200 actors, 50 roadmaps with 300 measures, 800
board members and 850+ indicators. It then renders the report once in this fresh process
(fonts included, as a worker's first job) and once more (a warm worker), and prints pages,
charts, seconds and peak memory (resource.getrusage maxrss). Targets (issue 6): at least 40
pages and 15 charts in under 10 s and under 600 MB.
"""

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite://{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")
    os.environ["REDIS_URL"] = ""
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(scale: int) -> None:

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from fields.models import (
        ActionField,
        Actor,
        Measure,
        Roadmap,
        SpecializationField,
        Theme,
        ValueNetwork,
    )
    from governance.models import Body, Membership
    from monitoring.models import Indicator
    from ris_portal.seed import seed_all

    User = get_user_model()
    statuses = list(Measure.Status.values)
    theme_statuses = list(Theme.Status.values)
    kinds = list(Actor.Kind.values)
    with transaction.atomic():
        seed_all()
        for field in SpecializationField.objects.all():
            for i in range(2 * scale):
                Theme.objects.create(
                    field=field,
                    slug=f"{field.slug}-bench-{i}",
                    name=f"{field.code} Bench-Thema {i + 1}: Anwendungen und Transfer",
                    status=theme_statuses[i % len(theme_statuses)],
                )
            actors = [
                Actor.objects.create(
                    name=f"{field.code} Akteur {i + 1} GmbH",
                    kind=kinds[i % len(kinds)],
                    city="Jena",
                )
                for i in range(4 * scale)
            ]
            field.actors.add(*actors)
            themes = list(Theme.objects.filter(field=field)[:scale])
            for n in range(scale):
                network = ValueNetwork.objects.create(
                    theme=themes[n % len(themes)],
                    slug=f"{field.slug}-netz-{n}",
                    name=f"{field.code} Wertschöpfungsnetzwerk {n + 1}",
                )
                roadmap = Roadmap.objects.create(
                    network=network,
                    title=f"Roadmap {field.code} {n + 1}",
                    status=Roadmap.Status.PUBLISHED,
                )
                for a in range(2):
                    action_field = ActionField.objects.create(
                        roadmap=roadmap, title=f"Handlungsfeld {a + 1}", order=a
                    )
                    for m in range(3):
                        Measure.objects.create(
                            action_field=action_field,
                            title=f"Maßnahme {n + 1}.{a + 1}.{m + 1} Pilotlinie",
                            status=statuses[(n + a + m) % len(statuses)],
                            start=datetime.date(2023, 1 + m, 1),
                            end=datetime.date(2026, 12, 31),
                            order=m,
                        )
        member_no = 0
        for body in Body.objects.all():
            for i in range(10 * scale // 10 or 1):
                member_no += 1
                user = User.objects.create(
                    username=f"bench{member_no}@example.org", last_name=f"Mitglied {member_no}"
                )
                Membership.objects.create(
                    body=body,
                    user=user,
                    sector=list(Membership.Sector.values)[i % 4],
                    public_consent=i % 2 == 0,
                    start=datetime.date(2022, 1, 1),
                )
        for i in range(8 * scale):
            Indicator.objects.create(
                code=f"BENCH-{i + 1:03d}",
                name=f"Bench-Indikator {i + 1}",
                unit="Anzahl",
                kind=list(Indicator.Kind.values)[i % 3],
                level=Indicator.Level.FIELD,
                source="Statistisches Landesamt Thüringen",
                description="Anzahl der geförderten Vorhaben im Berichtsjahr.",
            )


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--output", default=str(Path(tempfile.gettempdir()) / "bench-report.pdf"))
    parser.add_argument("--profile", help="write a cProfile of one rendering to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        if args.profile:
            import cProfile

            generate(args.scale)
            from reports.content import ReportSpec
            from reports.pdf import render_report_pdf

            cProfile.runctx(
                "render_report_pdf(ReportSpec(year=2025, title='x'))",
                globals(),
                {"render_report_pdf": render_report_pdf, "ReportSpec": ReportSpec},
                args.profile,
            )
            return 0
        generate(args.scale)
        print(f"data generated at {args.scale}x in {time.perf_counter() - started:.1f} s")

        from reports.content import ReportSpec
        from reports.pdf import render_report_pdf

        spec = ReportSpec(year=2025, title="Monitoringbericht 2025")
        results = []
        for label in ("first render (cold process, fonts loaded)", "second render (warm worker)"):
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            rendered = render_report_pdf(spec)
            seconds = time.perf_counter() - started
            cpu = _cpu_seconds() - cpu_started
            results.append(seconds)
            print(
                f"{label}: {rendered.pages} pages, {rendered.chart_count} charts, "
                f"{rendered.size / 1024:.0f} KiB, {seconds:.2f} s wall clock, {cpu:.2f} s CPU"
            )
        Path(args.output).write_bytes(rendered.content)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (maxrss): {peak_mb:.0f} MB")
        print(f"PDF written to {args.output}")
        print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        ok = rendered.pages >= 40 and rendered.chart_count >= 15
        ok = ok and max(results) < 10 and peak_mb < 600
        print("targets met" if ok else "TARGETS MISSED (>=40 pages, >=15 charts, <10 s, <600 MB)")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
