"""Benchmark: build the open-data package at 10× the demo data, as the worker does.

    .venv/bin/python bench/open_data_build.py [--scale 10]

Builds a throw-away SQLite database (never the project database) and media folder, loads the
Thuringia seed data and adds, per 1× of scale: per field 10 public themes and 2 value networks,
each with a published roadmap of 2 action fields × 3 measures (2 responsible actors each);
10 public decisions per body and 2 forum events; 8 more indicators; for every indicator a
value per year 2017–2025 for Thuringia and each field (2017–2024 locked, i.e. published) and
a target. At 10× that is 500 themes, 100 roadmaps with 600 measures, 800 decisions, ~160
indicators with ~8,500 values of which ~7,500 are public (years with a published report). It then runs the worker's build
(`opendata.services.package_build_now`: all CSVs, datapackage.json, dcat.ttl, stored) three
times: the first writes the files, the second and third find nothing changed. Target
(issue 14): ≤ 10 s per build at 10×.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite://{tmp / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")
    os.environ["REDIS_URL"] = ""
    os.environ["OPEN_DATA_AUTO_REBUILD"] = "false"  # generating data must not build each time
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(scale: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from fields.models import (
        ActionField,
        Actor,
        Measure,
        Roadmap,
        SpecializationField,
        Theme,
        ValueNetwork,
    )
    from governance.models import Body, Decision, ForumEvent
    from monitoring.models import Indicator, IndicatorValue, Target, YearLock
    from ris_portal.seed import seed_all

    now = timezone.now()
    with transaction.atomic():
        seed_all()
        staff = get_user_model().objects.get(username="geschaeftsstelle@ris-portal.example")
        fields = list(SpecializationField.objects.all())
        for field in fields:
            themes = [
                Theme.objects.create(
                    field=field,
                    slug=f"{field.slug}-bench-{i}",
                    name=f"{field.code} Bench-Thema {i + 1}: Anwendungen und Transfer",
                    status=Theme.Status.HIGHLIGHT if i % 5 == 0 else Theme.Status.ACTIVE,
                    description="Beschreibung mit **Markdown** und mehreren Sätzen. " * 3,
                )
                for i in range(10 * scale)
            ]
            actors = [
                Actor.objects.create(
                    name=f"{field.code} Bench-Akteur {i + 1} GmbH", kind=Actor.Kind.COMPANY
                )
                for i in range(4 * scale)
            ]
            for n in range(2 * scale):
                network = ValueNetwork.objects.create(
                    theme=themes[n],
                    slug=f"{field.slug}-bench-netz-{n}",
                    name=f"{field.code} Netzwerk {n + 1}",
                )
                roadmap = Roadmap.objects.create(
                    network=network,
                    title=f"Roadmap {field.code} {n + 1}",
                    summary="Zusammenfassung. " * 5,
                    status=Roadmap.Status.PUBLISHED,
                    published_at=now,
                )
                for a in range(2):
                    action_field = ActionField.objects.create(
                        roadmap=roadmap, title=f"Handlungsfeld {a + 1}", order=a
                    )
                    for m in range(3):
                        measure = Measure.objects.create(
                            action_field=action_field,
                            title=f"Maßnahme {n + 1}.{a + 1}.{m + 1}",
                            start=datetime.date(2024, 1, 1),
                            order=m,
                        )
                        measure.responsible_actors.set(actors[m : m + 2])
        for body in Body.objects.all():
            for i in range(10 * scale):
                Decision.objects.create(
                    body=body,
                    title=f"Beschluss {i + 1} des Gremiums {body.name}",
                    outcome=Decision.Outcome.APPROVED,
                    decided_by=staff,
                    votes_yes=7,
                )
        for i in range(2 * scale):
            start = now + datetime.timedelta(days=i)
            ForumEvent.objects.create(
                slug=f"bench-forum-{i}",
                title=f"Forum {i + 1}",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                location="Erfurt",
                capacity=80,
            )
        for i in range(8 * scale):
            Indicator.objects.create(
                code=f"BENCH-{i + 1:03d}",
                name=f"Bench-Indikator {i + 1}",
                unit="Anzahl",
                kind=Indicator.Kind.OUTPUT,
                level=Indicator.Level.FIELD,
            )
        years = range(2017, 2026)
        for year in years[:-1]:
            YearLock.objects.get_or_create(year=year)
        existing = set(IndicatorValue.objects.values_list("indicator_id", "field_id", "year"))
        values = [
            IndicatorValue(
                indicator=indicator,
                field=field,
                year=year,
                value=Decimal(year - 2000) * Decimal("1.25"),
                status=IndicatorValue.Status.FINAL,
                source_note="TLS",
            )
            for indicator in Indicator.objects.all()
            for field in [None, *fields]
            for year in years
            if (indicator.pk, field.pk if field else None, year) not in existing
        ]
        IndicatorValue.objects.bulk_create(values, batch_size=2000)
        with_target = set(Target.objects.values_list("indicator_id", flat=True))
        Target.objects.bulk_create(
            Target(
                indicator=indicator,
                baseline_year=2020,
                baseline_value=10,
                target_year=2027,
                target_value=20,
            )
            for indicator in Indicator.objects.exclude(pk__in=with_target)
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        started = time.perf_counter()
        generate(args.scale)
        print(f"data generated at {args.scale}x in {time.perf_counter() - started:.1f} s")
        from opendata import services

        seconds = []
        for label in ("first build (files written)", "second build (unchanged)", "third build"):
            started = time.perf_counter()
            build = services.package_build_now(reason="bench")
            seconds.append(time.perf_counter() - started)
            size = sum(f["bytes"] for f in build.files.values())
            print(f"{label}: {seconds[-1]:.2f} s, {len(build.files)} files, {size / 1e6:.1f} MB")
        for name, info in sorted(build.files.items()):
            print(f"  {name}: {info['bytes'] / 1024:.0f} KiB")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        ok = max(seconds) <= 10
        print("target met (<= 10 s)" if ok else "TARGET MISSED (> 10 s)")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
