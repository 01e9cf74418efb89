"""Benchmark: dashboards and indicator pages at 10× the demo values, against the home page.

    .venv/bin/python bench/dashboards.py [--scale 10] [--db FILE] [--requests 9]

Without `--db` it generates the data of `bench/render_report.py` at `--scale` in a fresh
throw-away SQLite database (in `/dev/shm` where present); with `--db` it reads a database that
`bench/render_report.py --keep DIR` left (`DIR/bench-10x.sqlite3`). At 10× that is 800
indicators × 10 years × 6 breakdowns (about 47,000 values) and 50,000 activities.

Logged in as the office's staff account (the demo account `geschaeftsstelle@…`), the Django
test client requests every page a few times after one warm-up request and takes the median:
the home page (the reference), the statewide dashboard, each field's dashboard, and the public
and the staff page of an indicator with a target, all read through
`monitoring.indicators.indicator_table`. Target (issue 10): every dashboard within 3× the home
page; the indicator pages are printed for comparison (their data does not grow with the scale:
one indicator's values). The number of queries per page is printed too (it must not grow with
the data).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import render_report  # noqa: E402 - the generator lives there

RATIO = 3.0


def measure(requests: int) -> list[tuple[str, float, int]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from fields.models import SpecializationField
    from monitoring.models import Indicator
    from ris_portal.seed import DEMO_ACCOUNTS

    setup_test_environment()
    staff = get_user_model().objects.get(
        email=next(a.email for a in DEMO_ACCOUNTS if a.key == "staff")
    )
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    indicator = Indicator.objects.get(code="BENCH-0001")  # statewide and field targets
    pages = [
        ("Startseite", reverse("home")),
        ("Dashboard Thüringen", reverse("monitoring:dashboard")),
        *[
            (f"Dashboard {f.code}", reverse("monitoring:dashboard_field", args=[f.slug]))
            for f in SpecializationField.objects.live().order_by("order")
        ],
        (
            "Indikator öffentlich",
            reverse("monitoring:indicator_public", args=[indicator.code]),
        ),
        ("Indikator verwalten", reverse("monitoring:indicator_manage", args=[indicator.pk])),
    ]
    results = []
    for label, url in pages:
        response = client.get(url)  # warm-up (templates, caches)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _n in range(requests):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append(time.perf_counter() - started)
        results.append((label, statistics.median(timings) * 1000, len(queries)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--db", help="a database left by bench/render_report.py --keep")
    parser.add_argument("--requests", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=render_report.SCRATCH) as tmp:
        if args.db:
            render_report.setup_django(Path(args.db), migrate=False)
            data = render_report.counts()
        else:
            render_report.setup_django(Path(tmp) / "bench.sqlite3", migrate=True)
            data = render_report.generate(args.scale)
        results = measure(args.requests)
    print(
        f"{data['indicators']} indicators, {data['values']} values, "
        f"{data['activities']} activities; median of {args.requests} requests as staff"
    )
    home = results[0][1]
    ok = True
    print("| Seite | ms (Median) | × Startseite | Abfragen |")
    print("|---|---|---|---|")
    for label, ms, queries in results:
        ratio = ms / home
        # The target (issue 10) is for the dashboards, whose data grows with the scale. An
        # indicator page shows one indicator's values (10 years × 6 breakdowns at every scale):
        # printed for comparison, marked when above the ratio, not part of the target.
        if label.startswith("Dashboard"):
            ok = ok and ratio <= RATIO
        mark = (
            " (über dem Faktor, kein Dashboard)"
            if ratio > RATIO and not label.startswith("Dashboard")
            else ""
        )
        print(f"| {label} | {ms:.0f} | {ratio:.1f}{mark} | {queries} |")
    print(
        "targets met"
        if ok
        else f"TARGETS MISSED (every dashboard within {RATIO:.0f}× the home page)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
