"""Soak test (issue 12): N clients for a while against the local stack; latency per page.

    .venv/bin/python bench/soak.py [--clients 50] [--minutes 10]

Starts the stack of bench/stack.py (own PostgreSQL :5440, Redis :6390, gunicorn :8113 with
3 workers × 2 threads, one Celery worker, beat), then runs the clients: four in five browse
the public pages (home, a field, published roadmaps, bodies, decisions, events, indicators,
download centre), the others log in as ministry or staff and open the dashboards and the report
workspace. One staff client requests a report every minute so that the worker renders during
the whole run. Each client waits 0.5–1.5 s between pages (a person reading), like a browser.

Prints p50/p95/p99 and the error count per page, requests per second, and the resident memory
of each gunicorn and Celery worker process at start and end. Exit code 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import MINISTRY, STAFF, Stack, log  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def memory(stack: Stack) -> dict[str, float]:
    sizes = {}
    for name in ("web", "worker"):
        for pid in stack.worker_children(name):
            sizes[f"{name} {pid}"] = round(stack.rss_mb(pid), 1)
    return sizes


def pages(stack: Stack) -> tuple[dict[str, str], dict[str, str]]:
    field = stack.psql("SELECT slug FROM fields_specializationfield ORDER BY id LIMIT 1")
    body = stack.psql("SELECT slug FROM governance_body ORDER BY id LIMIT 1")
    roadmap = stack.psql("SELECT id FROM fields_roadmap WHERE status = 'veroeffentlicht' LIMIT 1")
    public = {
        "Startseite": "/",
        "Feld": f"/felder/{field}/",
        "Gremien": "/gremien/",
        "Gremium": f"/gremien/{body}/",
        "Beschlüsse": "/gremien/beschluesse/",
        "Veranstaltungen": "/veranstaltungen/",
        "Indikatoren": "/indikatoren/",
        "Berichte": "/berichte/",
    }
    if roadmap:
        public["Roadmap"] = f"/roadmaps/{roadmap}/"
    internal = {
        "Dashboard": "/dashboard/",
        "Berichtserstellung": "/berichte/erstellung/",
    }
    return public, internal


def report(timings, errors, *, clients, elapsed, requested, rendered, start_memory, end_memory):
    total = sum(len(v) for v in timings.values())
    total_errors = sum(len(v) for v in errors.values())
    print(f"\n== Soak: {clients} clients, {elapsed / 60:.1f} min, {total} requests "
          f"({total / elapsed:.1f}/s), {total_errors} errors, {requested} reports "
          f"requested, {rendered} rendered in total")  # fmt: skip
    print("| Seite | Anfragen | p50 (ms) | p95 (ms) | p99 (ms) | Fehler |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in sorted(set(timings) | set(errors)):
        values = timings.get(name) or [0.0]
        print(
            f"| {name} | {len(timings.get(name, []))} | {percentile(values, 0.5) * 1000:.0f} | "
            f"{percentile(values, 0.95) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} | "
            f"{len(errors.get(name, []))} |"
        )
    all_values = [v for values in timings.values() for v in values] or [0.0]
    print(f"| alle | {total} | {statistics.median(all_values) * 1000:.0f} | "
          f"{percentile(all_values, 0.95) * 1000:.0f} | {percentile(all_values, 0.99) * 1000:.0f} | "
          f"{total_errors} |")  # fmt: skip
    print("\nSpeicher (RSS, MB) | Start | Ende")
    for key in sorted(set(start_memory) | set(end_memory)):
        print(f"{key} | {start_memory.get(key, '–')} | {end_memory.get(key, '–')}")
    if total_errors:
        print("Fehler:", {name: sorted(set(v)) for name, v in errors.items()})
    return 1 if total_errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()

    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()

    with Stack() as stack:
        stack.start_web()
        stack.start_worker()
        stack.start_beat()
        public_pages, internal_pages = pages(stack)
        # Warm-up: every page once, so that first-request costs are not measured.
        warm = stack.client()
        for path in public_pages.values():
            warm.get(path)
        start_memory = memory(stack)
        log(f"memory at start (MB): {start_memory}; load average {os.getloadavg()}")
        deadline = time.monotonic() + args.minutes * 60
        reports_requested = 0

        def browse(number: int) -> None:
            rng = random.Random(number)
            client = stack.client()
            pages = dict(public_pages)
            if number % 5 == 0:
                client.login(MINISTRY if number % 10 == 0 else STAFF)
                pages.update(internal_pages)
            names = list(pages)
            while time.monotonic() < deadline:
                name = rng.choice(names)
                started = time.monotonic()
                try:
                    status = client.get(pages[name]).status_code
                except Exception as error:  # noqa: BLE001 - counted as an error
                    status = f"{type(error).__name__}"
                took = time.monotonic() - started
                with lock:
                    if status == 200:
                        timings[name].append(took)
                    else:
                        errors[name].append(str(status))
                time.sleep(rng.uniform(0.5, 1.5))

        def request_reports() -> None:
            nonlocal reports_requested
            client = stack.client()
            client.login(STAFF)
            while time.monotonic() < deadline:
                response = client.post(
                    "/berichte/erstellung/anfordern/",
                    {"year": 2025, "kind": "jahresbericht"},
                    token_from="/berichte/erstellung/",
                )
                if response.status_code == 302:
                    reports_requested += 1
                else:
                    with lock:
                        errors["Bericht anfordern"].append(str(response.status_code))
                time.sleep(60)

        threads = [threading.Thread(target=browse, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=request_reports))
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        end_memory = memory(stack)
        log(f"load average at the end {os.getloadavg()} (other work on the machine counts)")
        rendered = stack.psql("SELECT count(*) FROM reports_report WHERE status = 'fertig'")

    return report(
        timings,
        errors,
        clients=args.clients,
        elapsed=elapsed,
        requested=reports_requested,
        rendered=rendered,
        start_memory=start_memory,
        end_memory=end_memory,
    )


if __name__ == "__main__":
    sys.exit(main())
