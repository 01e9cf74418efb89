"""Benchmark: the annual report at 1×, 10× and 30× the demo data.

    .venv/bin/python bench/render_report.py [--scales 1 10 30] [--output-dir /tmp] [--keep DIR]

Each scale runs in a fresh throw-away SQLite database (a file in `/dev/shm` where present,
else in the system's temporary directory; never the project database; deleted afterwards). Per 1× of scale the
generator writes, on top of the Thuringia seed data:

- 10 themes, 100 actors (each in one or two fields), one published roadmap per field with
  2 action fields × 3 measures;
- 500 activities per year for 2016–2025 (each in one or two fields, most with funding);
- 80 indicators × 10 years (2016–2025) × 6 breakdowns (Thuringia and the five fields), with a
  statewide target for every 4th indicator and field targets for every 8th, the latest year
  provisional, a few gaps, and a few archived values (a rolled-back import) carrying the
  sentinel value 999999, which the report must never print;
- 20 members per body (fixed, bodies do not grow with data), 4 meetings per body and year with
  2 decisions each.

At 10× that is about 100 themes, 1,000 actors, 5,000 activities per year and 800 indicators
with 48,000 values (the issue's 10× target); 30× accordingly. Everything is written with
history (as imports do) and dated in the past: strategy content in 2021, activities in their
start year, values in the spring after their year, so the report for 2025 with the Stichtag
31 March 2026 contains all of it.

The report is rendered with `reports.pdf.render_report_pdf`, the function that
`manage.py render_report` and the worker call, in a fresh child process per scale (as a
worker's first job: fonts are decoded too; with `--warm` once more in the same process, as a
warm worker). Seconds are wall-clock time of the first rendering, CPU seconds that process's
user + system time (the fair figure when other processes share the cores). Peak memory is the
child's `resource.getrusage(RUSAGE_SELF).ru_maxrss` at the end: the whole rendering process
(Python, Django, WeasyPrint, fonts, data).

Targets on a 2-core machine (issue 10): the 10× report in at most 10 s and 600 MB, the 30×
report in at most 15 s, and pages growing much slower than the data (long lists go to the
CSV embedded in the PDF/A, the PDF prints a summary).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YEARS = list(range(2016, 2026))
REPORT_YEAR = 2025
STICHTAG = datetime.date(2026, 3, 31)
ARCHIVED_SENTINEL = Decimal(999999)
# RAM-backed scratch space where there is one: SQLite's fsyncs on a busy disk would otherwise
# dominate the data generation (minutes of migrations), not the rendering measured here.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None


def setup_django(db_path: Path, *, migrate: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite://{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")
    os.environ["REDIS_URL"] = ""
    # Jobs (e.g. the open-data rebuild after the seed) run eagerly, not in a thread that would
    # hold SQLite's write lock while the generator writes.
    os.environ["TASKS_IN_THREAD"] = "False"
    os.environ.setdefault("DEBUG", "True")  # test client host, no HTTPS redirect
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def _pks(model, **filters) -> list[int]:
    return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True))


def _link(model, name: str, pairs: list[tuple[int, int]], since) -> None:
    """Write many-to-many links in bulk and snapshot them into the rows' history records."""
    from ris_portal.snapshots import m2m_history_write

    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs], batch_size=5000
    )
    history_ids = dict(
        model.history.model.objects.filter(history_date__gte=since).values_list("id", "history_id")
    )
    m2m_history_write(model, history_ids, [name])


def _indicators(scale: int, field_ids: list[int]) -> None:
    """Indicators × 10 years × 6 breakdowns, targets, gaps and archived values."""
    from simple_history.utils import bulk_create_with_history

    from monitoring.models import Indicator, IndicatorValue, Target

    indicator_kinds = list(Indicator.Kind.values)
    bulk_create_with_history(
        [
            Indicator(
                code=f"BENCH-{i + 1:04d}",
                name=f"Bench-Indikator {i + 1}",
                unit="Anzahl",
                kind=indicator_kinds[i % 3],
                level=Indicator.Level.FIELD if i % 2 else Indicator.Level.REGION,
                source="Thüringer Landesamt für Statistik",
                description="Anzahl der geförderten Vorhaben im Berichtsjahr.",
            )
            for i in range(80 * scale)
        ],
        Indicator,
        batch_size=2000,
    )
    indicators = _pks(Indicator, code__startswith="BENCH-")
    scopes = [None, *field_ids]
    values, archived, targets = [], [], []
    for n, pk in enumerate(indicators):
        for s, scope in enumerate(scopes):
            for year in YEARS:
                if (n + year + s) % 37 == 0:
                    continue  # a gap
                values.append(
                    IndicatorValue(
                        indicator_id=pk,
                        field_id=scope,
                        year=year,
                        value=Decimal(100 + n % 50 + 3 * (year - 2016) + s),
                        status="vorlaeufig" if year == REPORT_YEAR else "endgueltig",
                    )
                )
                if (n + year + s) % 53 == 0:  # a rolled-back import left an archived row
                    archived.append(
                        IndicatorValue(
                            indicator_id=pk,
                            field_id=scope,
                            year=year,
                            value=ARCHIVED_SENTINEL,
                            is_archived=True,
                        )
                    )
            if (scope is None and n % 4 == 0) or (scope is not None and n % 8 == 0):
                targets.append(
                    Target(
                        indicator_id=pk,
                        field_id=scope,
                        baseline_year=2020,
                        baseline_value=Decimal(112 + n % 50 + s),
                        target_year=2027,
                        target_value=Decimal(140 + n % 50 + s),
                    )
                )
    bulk_create_with_history(values + archived, IndicatorValue, batch_size=5000)
    bulk_create_with_history(targets, Target, batch_size=5000)


def _date_history(started) -> None:
    """Date the history: strategy content in 2021, activities in their start year, values
    delivered in the spring after their year."""
    from django.apps import apps

    from monitoring.models import Activity, IndicatorValue
    from ris_portal.snapshots import local_moment

    for year in YEARS:
        Activity.history.model.objects.filter(
            history_date__gte=started, start_date__year=year
        ).update(history_date=local_moment(datetime.date(year, 1, 2)))
        IndicatorValue.history.model.objects.filter(history_date__gte=started, year=year).update(
            history_date=local_moment(datetime.date(year + 1, 3, 15))
        )
    early = local_moment(datetime.date(2021, 1, 4))
    for model in apps.get_models():
        history = getattr(getattr(model, "history", None), "model", None)
        if history is not None and hasattr(history, "history_date"):
            history.objects.filter(history_date__gte=started).update(history_date=early)


def generate(scale: int) -> dict:
    """Write the data of `scale` (see the module docstring); returns the counts."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from fields.models import (
        ActionField,
        Actor,
        Measure,
        Roadmap,
        SpecializationField,
        Theme,
        ValueNetwork,
    )
    from governance.models import Body, Decision, Meeting, Membership
    from monitoring.models import Activity
    from ris_portal.seed import seed_all
    from ris_portal.snapshots import local_moment

    User = get_user_model()
    with transaction.atomic():
        seed_all()
    started = timezone.now()
    with transaction.atomic():
        fields = list(SpecializationField.objects.live().order_by("order"))
        field_ids = [f.pk for f in fields]
        theme_statuses = list(Theme.Status.values)
        bulk_create_with_history(
            [
                Theme(
                    field=fields[i % 5],
                    slug=f"bench-thema-{i}",
                    name=f"{fields[i % 5].code} Thema {i + 1}: Anwendungen und Transfer",
                    status=theme_statuses[i % len(theme_statuses)],
                )
                for i in range(10 * scale)
            ],
            Theme,
            batch_size=2000,
        )
        kinds = list(Actor.Kind.values)
        bulk_create_with_history(
            [
                Actor(name=f"Bench-Akteur {i + 1} GmbH", kind=kinds[i % len(kinds)], city="Jena")
                for i in range(100 * scale)
            ],
            Actor,
            batch_size=2000,
        )
        actor_ids = _pks(Actor, name__startswith="Bench-Akteur")
        pairs = [(pk, field_ids[n % 5]) for n, pk in enumerate(actor_ids)]
        pairs += [(pk, field_ids[(n + 2) % 5]) for n, pk in enumerate(actor_ids) if n % 3 == 0]
        _link(Actor, "fields", pairs, started)

        # Roadmaps: one per field and 1× (a handful of objects; no bulk path needed).
        statuses = list(Measure.Status.values)
        themes_by_field = {f.pk: _pks(Theme, field=f, slug__startswith="bench-") for f in fields}
        for f in fields:
            for n in range(scale):
                network = ValueNetwork.objects.create(
                    theme_id=themes_by_field[f.pk][n % len(themes_by_field[f.pk])],
                    slug=f"bench-netz-{f.code.lower()}-{n}",
                    name=f"{f.code} Wertschöpfungsnetzwerk {n + 1}",
                )
                roadmap = Roadmap.objects.create(
                    network=network, title=f"Roadmap {f.code} {n + 1}", status="veroeffentlicht"
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

        # Governance: the bodies do not grow with data; their members and meetings are real-sized.
        bodies = list(Body.objects.live())
        users = User.objects.bulk_create(
            [
                User(username=f"bench{i}@example.org", first_name="Bench", last_name=f"Person {i}")
                for i in range(20 * len(bodies))
            ]
        )
        sectors = list(Membership.Sector.values)
        bulk_create_with_history(
            [
                Membership(
                    body=body,
                    user=users[b * 20 + i],
                    sector=sectors[i % len(sectors)],
                    public_consent=i % 2 == 0,
                    start=datetime.date(2021, 1, 1),
                )
                for b, body in enumerate(bodies)
                for i in range(20)
            ],
            Membership,
        )
        zone = local_moment(datetime.date(2021, 1, 1)).tzinfo
        bulk_create_with_history(
            [
                Meeting(
                    body=body,
                    title=f"{q + 1}. Sitzung {year}",
                    starts_at=datetime.datetime(year, 3 * q + 2, 10, 10, tzinfo=zone),
                    ends_at=datetime.datetime(year, 3 * q + 2, 10, 13, tzinfo=zone),
                    location="Erfurt",
                )
                for body in bodies
                for year in range(2021, 2026)
                for q in range(4)
            ],
            Meeting,
        )
        outcomes = list(Decision.Outcome.values)
        meetings = list(Meeting.history.model.objects.filter(history_date__gte=started))
        bulk_create_with_history(
            [
                Decision(
                    body_id=meeting.body_id,
                    meeting_id=meeting.id,
                    title=f"Beschluss {d + 1} der {meeting.title}",
                    outcome=outcomes[d % len(outcomes)],
                    decided_at=meeting.starts_at,
                )
                for meeting in meetings
                for d in range(2)
            ],
            Decision,
        )

        # Activities: 500 per year and 1×, most funded, in one or two fields.
        activity_kinds = list(Activity.Kind.values)
        sources = list(Activity.FundingSource.values)
        activities = []
        for year in YEARS:
            for i in range(500 * scale):
                start = datetime.date(year, 1 + i % 12, 1 + i % 28)
                activities.append(
                    Activity(
                        reference=f"B-{year}-{i:05d}",
                        kind=activity_kinds[i % len(activity_kinds)],
                        title=f"Vorhaben {year}-{i + 1}: Transfer in die Anwendung",
                        start_date=start,
                        end_date=None
                        if i % 4 == 0
                        else start + datetime.timedelta(days=90 * i % 900),
                        funding_amount=None if i % 5 == 0 else Decimal(20_000 + 137 * i),
                        funding_source="" if i % 5 == 0 else sources[i % len(sources)],
                    )
                )
        bulk_create_with_history(activities, Activity, batch_size=5000)
        activity_ids = _pks(Activity, reference__startswith="B-")
        pairs = [(pk, field_ids[n % 5]) for n, pk in enumerate(activity_ids)]
        pairs += [(pk, field_ids[(n + 1) % 5]) for n, pk in enumerate(activity_ids) if n % 4 == 0]
        _link(Activity, "fields", pairs, started)

        _indicators(scale, field_ids)
        _date_history(started)
    return counts()


def counts() -> dict:
    from fields.models import Actor, Theme
    from monitoring.models import Activity, Indicator, IndicatorValue

    return {
        "themes": Theme.objects.live().count(),
        "actors": Actor.objects.live().count(),
        "activities": Activity.objects.live().count(),
        "indicators": Indicator.objects.live().count(),
        "values": IndicatorValue.objects.live().count(),
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def render(output: Path | None, *, warm: bool) -> dict:
    """Render the report twice in this process; check what it must (and must not) contain."""
    from monitoring.models import Activity
    from reports.content import ReportSpec
    from reports.models import Report
    from reports.pdf import render_report_pdf
    from reports.services import report_title

    spec = ReportSpec(
        year=REPORT_YEAR,
        kind=Report.Kind.ANNUAL,
        title=report_title(Report.Kind.ANNUAL, REPORT_YEAR),
        stichtag=STICHTAG,
    )
    timings = []
    for _run in range(2 if warm else 1):
        started, cpu = time.perf_counter(), _cpu_seconds()
        rendered = render_report_pdf(spec)
        timings.append((time.perf_counter() - started, _cpu_seconds() - cpu))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if output is not None:
        output.write_bytes(rendered.content)
    text = rendered.csv.decode("utf-8-sig")
    lines = text.splitlines()
    # Content checks: every running activity of the year is a CSV line (the PDF lists 25 per
    # field), and no archived value reaches the report.
    running = Activity.objects.live().filter(
        reference__startswith="B-", start_date__year__lte=REPORT_YEAR, fields__isnull=False
    )
    running = running.filter(end_date__year__gte=REPORT_YEAR) | running.filter(
        end_date__isnull=True, start_date__year=REPORT_YEAR
    )
    expected = running.count()  # counted once per field, as the field chapters do
    activity_lines = sum(
        1
        for row in csv.reader(lines, delimiter=";")
        if row[0] == "Aktivitäten" and row[5].startswith("B-")
    )
    return {
        "pages": rendered.pages,
        "charts": rendered.chart_count,
        "kib": rendered.size // 1024,
        "csv_lines": len(lines) - 1,
        "cold_s": timings[0][0],
        "cold_cpu_s": timings[0][1],
        "warm_s": timings[-1][0],
        "peak_mb": peak_mb,
        "activity_lines": activity_lines,
        "activity_lines_expected": expected,
        "archived_printed": str(ARCHIVED_SENTINEL) in text,
    }


def child(args) -> int:
    """One step in its own process: `generate`, `counts` or `render` on the given database file.

    `counts` opens a database kept by `--keep`: it is migrated first, so a database kept from
    before a schema change still renders (new history tables start from their back-fill)."""
    db_path = Path(args.db)
    setup_django(db_path, migrate=args.child in ("generate", "counts"))
    started = time.perf_counter()
    if args.child == "generate":
        result = generate(args.scale)
    elif args.child == "counts":
        result = counts()
    else:
        result = render(Path(args.output) if args.output else None, warm=args.warm)
    result["step_s"] = time.perf_counter() - started
    print("RESULT " + json.dumps(result))
    return 0


def _run_child(step: str, scale: int, db: Path, output: str = "", warm: bool = False) -> dict:
    command = [sys.executable, __file__, "--child", step, "--scale", str(scale), "--db", str(db)]
    if output:
        command += ["--output", output]
    if warm:
        command.append("--warm")
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"{step} at {scale}x failed")
    line = next(x for x in completed.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def _pdf_path(args, scale: int) -> str:
    return str(Path(args.output_dir) / f"bench-report-{scale}x.pdf") if args.output_dir else ""


TARGETS = {10: (10.0, 600.0), 30: (15.0, None)}  # scale: (seconds, MB)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--output-dir", help="keep each PDF as bench-report-<scale>x.pdf here")
    parser.add_argument(
        "--keep",
        help="keep the databases as DIR/bench-<scale>x.sqlite3 and reuse them on the next run",
    )
    parser.add_argument("--child", choices=["generate", "counts", "render"], help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help="render a second time (warm worker)")
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    rows, ok = [], True
    for scale in args.scales:
        if args.keep:
            # Reuse (or create once) one database per scale: for repeated renderings.
            db = Path(args.keep) / f"bench-{scale}x.sqlite3"
            data = _run_child("counts" if db.exists() else "generate", scale, db)
            result = _run_child("render", scale, db, _pdf_path(args, scale), args.warm)
        else:
            with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
                db = Path(tmp) / "bench.sqlite3"
                data = _run_child("generate", scale, db)
                result = _run_child("render", scale, db, _pdf_path(args, scale), args.warm)
        print(
            f"{scale}x: {data['themes']} themes, {data['actors']} actors, "
            f"{data['activities']} activities, {data['indicators']} indicators, "
            f"{data['values']} values (data step {data['step_s']:.0f} s); "
            f"{result['charts']} charts, {result['kib']} KiB, {result['csv_lines']} CSV lines, "
            f"last render {result['warm_s']:.1f} s",
            flush=True,
        )
        checks = result["activity_lines"] == result["activity_lines_expected"]
        checks = checks and not result["archived_printed"]
        if not checks:
            print(f"  CONTENT CHECK FAILED: {result}")
        seconds, megabytes = TARGETS.get(scale, (None, None))
        met = checks
        met = met and (seconds is None or result["cold_s"] <= seconds)
        met = met and (megabytes is None or result["peak_mb"] <= megabytes)
        ok = ok and met
        rows.append((scale, result, met))
    print()
    print("| Umfang | Seiten | Sekunden | CPU-Sekunden | Spitzenspeicher (MB, maxrss) |")
    print("|---|---|---|---|---|")
    for scale, result, _met in rows:
        print(
            f"| {scale}× | {result['pages']} | {result['cold_s']:.1f} | "
            f"{result['cold_cpu_s']:.1f} | {result['peak_mb']:.0f} |"
        )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("targets met" if ok else "TARGETS MISSED (10x: <=10 s, <=600 MB; 30x: <=15 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
