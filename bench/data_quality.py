"""Benchmark: data quality at scale (completeness page, gaps appendix, import preview).

    .venv/bin/python bench/data_quality.py [--scales 1 10]

Builds a throw-away SQLite database per scale (never the project database) with, per 1× of
scale, 80 indicators × 10 years × 6 scopes (Thuringia and five fields) of values (written with
history, as imports do), a validation rule per indicator requiring every field, and a few gaps.
At 10× that is 800 indicators and 48,000 values, the issue's 10× target. It measures:

- the completeness page as the ministry sees it (one request through the test client, with its
  query count), against the home page as the reference;
- the completeness matrix as of a Stichtag (the report's appendix, read from the history);
- the import preview of 1,000 indicator values with plausibility warnings.

Targets on this 2-core machine: the completeness page under 0.5 s, the appendix matrix under
1 s and the preview of 1,000 rows under 1 s at 10×, with a constant number of queries.
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

YEARS = list(range(2016, 2026))


def setup_django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite://{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ris_portal.settings")
    os.environ["REDIS_URL"] = ""
    os.environ.setdefault("DEBUG", "True")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test.utils import setup_test_environment

    setup_test_environment()  # test client host and response.context; emails stay in memory


def generate(scale: int) -> None:
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history

    from fields.models import SpecializationField
    from monitoring.models import Indicator, IndicatorValue, ValidationRule
    from ris_portal.seed import seed_all
    from ris_portal.snapshots import local_moment, m2m_history_write

    with transaction.atomic():
        seed_all()
        fields = list(SpecializationField.objects.live().order_by("order"))
        indicators = bulk_create_with_history(
            [
                Indicator(
                    code=f"DQ-{i + 1:04d}",
                    name=f"Bench-Indikator {i + 1}",
                    unit="Anzahl",
                    kind=list(Indicator.Kind.values)[i % 3],
                    level=Indicator.Level.FIELD,
                )
                for i in range(80 * scale)
            ],
            Indicator,
            batch_size=500,
        )
        indicators = list(Indicator.objects.filter(code__startswith="DQ-"))
        rules = bulk_create_with_history(
            [ValidationRule(indicator=ind, first_year=YEARS[0]) for ind in indicators],
            ValidationRule,
            batch_size=500,
        )
        through = ValidationRule.required_fields.through
        rules = list(ValidationRule.objects.filter(indicator__code__startswith="DQ-"))
        through.objects.bulk_create(
            [
                through(validationrule_id=r.pk, specializationfield_id=f.pk)
                for r in rules
                for f in fields
            ]
        )
        history_ids = dict(
            ValidationRule.history.filter(id__in=[r.pk for r in rules]).values_list(
                "id", "history_id"
            )
        )
        m2m_history_write(ValidationRule, history_ids, ["required_fields"])
        values = []
        for n, indicator in enumerate(indicators):
            for scope in [None, *fields]:
                for year in YEARS:
                    if (n + year + (scope.pk if scope else 0)) % 37 == 0:
                        continue  # a gap
                    values.append(
                        IndicatorValue(
                            indicator=indicator,
                            field=scope,
                            year=year,
                            value=Decimal(100 + n + year % 7),
                            status="endgueltig" if year < 2024 else "vorlaeufig",
                        )
                    )
        bulk_create_with_history(values, IndicatorValue, batch_size=2000)
        # Delivered in January 2026: in place at the appendix's Stichtag (31 March 2026).
        delivered = local_moment(datetime.date(2026, 1, 15))
        for model in (Indicator, ValidationRule, IndicatorValue):
            model.history.model.objects.update(history_date=delivered)
    return len(values)


def timed(func):
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def measure(scale: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from monitoring.completeness import completeness_matrix
    from monitoring.services import import_preview
    from ris_portal.seed import DEMO_ACCOUNTS
    from ris_portal.snapshots import end_of_day

    _count, seconds = timed(lambda: generate(scale))
    from django.contrib.auth import get_user_model

    ministry = get_user_model().objects.get(
        email=next(a.email for a in DEMO_ACCOUNTS if a.key == "ministry")
    )
    client = Client()
    client.force_login(ministry, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")  # warm up (templates, session)
    _r, home = timed(lambda: client.get("/"))
    url = "/datenqualitaet/vollstaendigkeit/?first=2021&last=2025"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response, page = timed(lambda: client.get(url))
    assert response.status_code == 200, response.status_code
    matrix = response.context["matrix"]
    moment = end_of_day(datetime.date(2026, 3, 31))
    appendix, appendix_s = timed(lambda: completeness_matrix(years=[2025], as_of=moment))
    lines = "".join(
        f"DQ-{i % (80 * scale) + 1:04d};;{2026 + i // (80 * scale)};{900 + i}\n"
        for i in range(1000)
    )
    preview, preview_s = timed(
        lambda: import_preview(
            kind="indicator-values",
            file_name="werte.csv",
            content=("Indikator;Feld;Jahr;Wert\n" + lines).encode(),
        )
    )
    return {
        "scale": scale,
        "values": matrix.totals["expected_present"],
        "generate_s": seconds,
        "home_s": home,
        "page_s": page,
        "page_queries": len(queries),
        "missing": matrix.missing,
        "appendix_s": appendix_s,
        "appendix_missing": appendix.missing,
        "preview_s": preview_s,
        "preview_warnings": len(preview.warning_rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args()
    if len(args.scales) > 1:
        # One process per scale: Django is set up once per process and database.
        import subprocess

        codes = [
            subprocess.call([sys.executable, __file__, "--scales", str(scale)])
            for scale in args.scales
        ]
        return max(codes)
    scale = args.scales[0]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        r = measure(scale)
    print(
        f"{r['scale']:>3}x | values in 2021–2025: {r['values']:>6} | "
        f"home {r['home_s'] * 1000:6.0f} ms | completeness page {r['page_s'] * 1000:6.0f} ms, "
        f"{r['page_queries']} queries, {r['missing']} gaps | appendix as of Stichtag "
        f"{r['appendix_s'] * 1000:6.0f} ms ({r['appendix_missing']} gaps in 2025) | "
        f"import preview 1,000 rows {r['preview_s'] * 1000:6.0f} ms "
        f"({r['preview_warnings']} warnings) | data generated in {r['generate_s']:.0f} s"
    )
    ok = (
        r["page_s"] < 0.5 and r["appendix_s"] < 1 and r["preview_s"] < 1 and r["page_queries"] <= 12
    )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
