"""Fault scripts (issue 12): reproduce every fault against a local stack and print pass/fail.

    .venv/bin/python bench/faults.py [all | worker-kill | worker-restart | pg-during-render |
                                      redis-down | redis-worker-start | redis-mid-render |
                                      double-submit | tampered-pdf | pg-restart | big-post]

Starts its own PostgreSQL cluster (:5440), Redis with AOF (:6390), one Celery worker, beat
and gunicorn (:8113) in a temporary folder (bench/stack.py), loads the demo data, then runs
the chosen faults one after another. Exit code 0 only if every check passed. Takes about
10–12 minutes for `all` on 2 cores (most of it waiting for leases and the sweep, as in
production: JOB_LEASE_SECONDS=60, sweep every minute).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import MINISTRY, STAFF, Checks, Stack, log  # noqa: E402

REPORT_WAIT = 240  # seconds a report may take to finish after a fault


def report_state(stack: Stack, pk: int) -> tuple[str, int]:
    row = stack.psql(f"SELECT status, attempts FROM reports_report WHERE id = {pk}")
    status, attempts = row.split("|")
    return status, int(attempts)


def request_report(client, year: int, kind: str = "jahresbericht"):
    return client.post(
        "/berichte/erstellung/anfordern/",
        {"year": year, "kind": kind},
        token_from="/berichte/erstellung/",
    )


def latest_report(stack: Stack) -> int:
    return int(stack.psql("SELECT max(id) FROM reports_report"))


def wait_for_status(
    stack: Stack, pk: int, wanted: set[str], seconds: float, interval: float = 1.0
) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, _attempts = report_state(stack, pk)
        if status in wanted:
            return time.monotonic() - started
        time.sleep(interval)
    return None


def start_rendering(stack: Stack, checks: Checks, year: int) -> int:
    """Staff request the report of `year`; returns its id once a worker renders it."""
    staff = stack.client()
    staff.login(STAFF)
    request_report(staff, year)
    pk = latest_report(stack)
    checks.check(
        wait_for_status(stack, pk, {"wird_erstellt"}, 60, interval=0.1) is not None,
        "rendering started",
    )
    return pk


def report_outcome(stack: Stack, pk: int) -> tuple[float | None, str, int]:
    """Seconds until the report finished or failed (None: not within REPORT_WAIT), its status
    and its attempts."""
    took = wait_for_status(stack, pk, {"fertig", "fehlgeschlagen"}, REPORT_WAIT)
    return (took, *report_state(stack, pk))


# --- faults ------------------------------------------------------------------------------------


def fault_worker_kill(stack: Stack, checks: Checks) -> None:
    """kill -9 of the worker process that renders: the report finishes without a click."""
    staff = stack.client()
    staff.login(STAFF)
    response = request_report(staff, 2024)
    checks.check(response.status_code == 302, f"request answered {response.status_code}")
    pk = latest_report(stack)
    took = wait_for_status(stack, pk, {"wird_erstellt"}, 60, interval=0.1)
    checks.check(took is not None, "the worker started rendering")
    children = stack.worker_children()
    time.sleep(0.5)  # mid-render (a rendering takes several seconds)
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    log(f"killed worker child process(es) {children} with SIGKILL")
    took, status, attempts = report_outcome(stack, pk)
    checks.check(
        status == "fertig" and attempts >= 2,
        f"killed mid-render → report {status} after {took and round(took)} s, "
        f"attempt {attempts}, without a click",
    )


def fault_worker_restart(stack: Stack, checks: Checks) -> None:
    """The whole worker (master and child) killed mid-render, a new one started."""
    pk = start_rendering(stack, checks, 2023)
    time.sleep(0.5)
    stack.kill("worker", signal.SIGKILL)
    log("killed the whole worker (process group) with SIGKILL; starting a new one")
    stack.start_worker()
    took, status, attempts = report_outcome(stack, pk)
    checks.check(
        status == "fertig" and attempts >= 2,
        f"worker replaced → report {status} after {took and round(took)} s, attempt {attempts}",
    )


def fault_pg_during_render(stack: Stack, checks: Checks) -> None:
    """A 25-second PostgreSQL outage during a rendering: the report still finishes."""
    pk = start_rendering(stack, checks, 2019)
    stack.stop_postgres("fast")
    log("PostgreSQL stopped mid-render for 25 s")
    time.sleep(25)
    stack.start_postgres()
    back = time.monotonic()
    log("PostgreSQL started again")
    _took, status, attempts = report_outcome(stack, pk)
    checks.check(
        status == "fertig",
        f"report {status} {round(time.monotonic() - back)} s after PostgreSQL returned "
        f"(attempt {attempts}), without a click",
    )


def fault_redis_down(stack: Stack, checks: Checks) -> None:
    """Redis stopped: login, public forms and requesting a report work; it finishes later."""
    stack.stop_redis()
    log("Redis stopped")
    ministry = stack.client()
    try:
        ministry.login(MINISTRY)
        checks.check(True, "login works while Redis is down")
    except RuntimeError as error:
        checks.check(False, f"login while Redis is down: {error}")
    visitor = stack.client()
    slug = stack.psql(
        "SELECT slug FROM governance_forumevent WHERE registration_open AND cancelled_at IS NULL "
        "AND starts_at > now() ORDER BY starts_at LIMIT 1"
    )
    response = visitor.post(
        f"/veranstaltungen/{slug}/",
        {"name": "Test Person", "organisation": "", "email": "redis-down@example.org",
         "privacy_consent": "on"},
    )  # fmt: skip
    checks.check(response.status_code == 302, f"forum registration answered {response.status_code}")
    health = stack.client().get("/healthz/")
    checks.check(
        health.status_code == 503 and health.json().get("status") == "degraded",
        f"/healthz/ answered {health.status_code} {health.json().get('status')}",
    )
    staff = stack.client()
    staff.login(STAFF)
    started = time.monotonic()
    response = request_report(staff, 2022)
    checks.check(
        response.status_code == 302,
        f"report request answered {response.status_code} in {time.monotonic() - started:.1f} s",
    )
    page = staff.get(response.headers.get("Location", "/")).text
    checks.check("wartet auf die Verarbeitung" in page, "the page says the report waits")
    pk = latest_report(stack)
    time.sleep(5)
    stack.start_redis()
    log("Redis started again")
    took = wait_for_status(stack, pk, {"fertig", "fehlgeschlagen"}, REPORT_WAIT)
    status, _attempts = report_state(stack, pk)
    checks.check(
        status == "fertig", f"report requested meanwhile → {status} {took and round(took)} s "
        "after Redis returned"
    )  # fmt: skip
    mails = stack.psql(
        "SELECT status FROM ris_portal_outboxmail WHERE 'redis-down@example.org' = ANY("
        "ARRAY(SELECT jsonb_array_elements_text(recipients)))"
    )
    stack.wait(
        lambda: (
            stack.psql(
                "SELECT count(*) FROM ris_portal_outboxmail WHERE status <> 'versandt' "
                "AND recipients::text LIKE '%redis-down@example.org%'"
            )
            == "0"
        ),
        REPORT_WAIT,
        "outbox",
    )
    checks.check(bool(mails), "the confirmation mail queued during the outage was sent")


def _unrecoverable(stack: Stack) -> int:
    return stack.logtext("worker").count("Unrecoverable error")


def _redis_back_after(
    stack: Stack,
    checks: Checks,
    pk: int,
    seconds: float,
    *,
    worker,
    crashes: int,
    lost: str,
    report: str,
) -> None:
    """Redis, stopped, returns after `seconds`: the worker lived through it (no unrecoverable
    crash beyond the `crashes` before) and the report `pk` finishes without a click."""
    time.sleep(seconds)
    alive_while_down = worker.poll() is None
    stack.start_redis()
    log("Redis started again")
    took, status, attempts = report_outcome(stack, pk)
    checks.check(
        alive_while_down and worker.poll() is None and _unrecoverable(stack) == crashes,
        f"the worker (pid {worker.pid}) survived losing Redis {lost}",
    )
    checks.check(
        status == "fertig",
        f"{report} → {status} {took and round(took)} s after Redis returned "
        f"(attempt {attempts}), without a click",
    )


def fault_redis_worker_start(stack: Stack, checks: Checks) -> None:
    """Redis stopped right after a worker started: the worker stays up, the report finishes."""
    # A fresh worker receives its start-up sweep (due JOB_LEASE_SECONDS later) at once and
    # holds it unacknowledged until then; losing Redis in that time ended the worker process
    # (kombu AttributeError) before ris_portal/celery_consumer.py. Redis is stopped as soon as
    # the message is held: a fixed delay missed that moment on a loaded machine.
    stack.kill("worker", signal.SIGTERM)
    crashes = _unrecoverable(stack)
    offset = len(stack.logtext("worker"))
    worker = stack.start_worker()
    stack.wait(
        lambda: "ris_portal.jobs_sweep[" in stack.logtext("worker")[offset:].split(" ready.")[-1],
        60,
        "the start-up sweep message",
        interval=0.05,
    )
    stack.stop_redis()
    log("Redis stopped while the new worker held its start-up sweep unacknowledged")
    staff = stack.client()
    staff.login(STAFF)
    response = request_report(staff, 2018)
    checks.check(response.status_code == 302, f"report request answered {response.status_code}")
    pk = latest_report(stack)
    _redis_back_after(
        stack,
        checks,
        pk,
        8,
        worker=worker,
        crashes=crashes,
        lost="right after its start",
        report="report requested meanwhile",
    )


def fault_redis_mid_render(stack: Stack, checks: Checks) -> None:
    """Redis stopped for 10 s while a report renders: the worker stays up, the report finishes."""
    # Rendering needs only PostgreSQL. This passed before ris_portal/celery_consumer.py too (the
    # busy worker notices the loss only after the job); the crash is provoked by
    # redis-worker-start.
    crashes = _unrecoverable(stack)
    worker = stack.processes["worker"]
    pk = start_rendering(stack, checks, 2017)
    stack.stop_redis()
    log("Redis stopped mid-render for 10 s")
    _redis_back_after(
        stack, checks, pk, 10, worker=worker, crashes=crashes, lost="mid-render", report="report"
    )


def fault_double_submit(stack: Stack, checks: Checks) -> None:
    """Five parallel clicks on "Bericht anfordern": one job, no 500."""
    staff = stack.client()
    staff.login(STAFF)
    token = staff.csrf("/berichte/erstellung/")
    before = int(stack.psql("SELECT count(*) FROM reports_report"))
    barrier = threading.Barrier(5)
    statuses: list[int] = []

    def click():
        barrier.wait()
        response = staff.session.post(
            staff.base + "/berichte/erstellung/anfordern/",
            data={"year": 2021, "kind": "jahresbericht", "csrfmiddlewaretoken": token},
            headers={"X-CSRFToken": token, "Referer": staff.origin + "/berichte/erstellung/"},
            allow_redirects=False,
            timeout=60,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=click) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    created = int(stack.psql("SELECT count(*) FROM reports_report")) - before
    checks.check(sorted(statuses) == [302] * 5, f"5 parallel clicks answered {sorted(statuses)}")
    checks.check(created == 1, f"{created} report row(s) created")


def fault_tampered_pdf(stack: Stack, checks: Checks) -> None:
    """A changed PDF in storage is refused, logged and reported to staff."""
    if stack.psql("SELECT count(*) FROM reports_report WHERE status = 'fertig'") == "0":
        staff = stack.client()
        staff.login(STAFF)
        request_report(staff, 2020)
        wait_for_status(stack, latest_report(stack), {"fertig"}, REPORT_WAIT)
    pk, name = stack.psql(
        "SELECT id, file FROM reports_report WHERE status = 'fertig' ORDER BY id LIMIT 1"
    ).split("|")
    ministry = stack.client()
    ministry.login(MINISTRY)
    intact = ministry.get(f"/berichte/{pk}/pdf/")
    checks.check(
        intact.status_code == 200 and intact.content.startswith(b"%PDF-"),
        f"intact PDF delivered ({intact.status_code})",
    )
    path = stack.media / name
    with path.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"MANIPULIERT")
    log(f"changed 11 bytes of {name}")
    response = ministry.get(f"/berichte/{pk}/pdf/")
    checks.check(
        response.status_code == 409 and "Prüfsumme" in response.text,
        f"tampered PDF refused with HTTP {response.status_code} and an explanation",
    )
    checks.check("fails the SHA-256 check" in stack.logtext("web"), "the mismatch is logged")
    checks.check(
        stack.psql(
            "SELECT count(*) FROM ris_portal_outboxmail WHERE template = "
            "'reports/emails/integrity_alert' AND subject LIKE '%Fassung%'"
        )
        == "1",
        "staff get one alert mail",
    )


def fault_pg_restart(stack: Stack, checks: Checks) -> None:
    """PostgreSQL restarted under load: errors only during the outage, recovery by itself."""
    visitor = stack.client()
    stop = threading.Event()
    outcomes: list[tuple[float, int]] = []

    def load():
        while not stop.is_set():
            try:
                status = visitor.get("/berichte/").status_code
            except Exception:  # noqa: BLE001
                status = 0
            outcomes.append((time.monotonic(), status))
            time.sleep(0.1)

    thread = threading.Thread(target=load)
    thread.start()
    time.sleep(2)
    down = time.monotonic()
    stack.stop_postgres("fast")
    time.sleep(5)
    stack.start_postgres()
    up = time.monotonic()
    time.sleep(5)
    stop.set()
    thread.join()
    after = [status for at, status in outcomes if at > up + 2]
    errors = [status for at, status in outcomes if status != 200]
    checks.check(
        after and all(s == 200 for s in after),
        f"all {len(after)} requests after recovery answered 200",
    )
    checks.check(
        all(down - 1 <= at <= up + 2 for at, status in outcomes if status != 200),
        f"{len(errors)} errors, all within the {up - down:.1f} s outage",
    )


def fault_big_post(stack: Stack, checks: Checks) -> None:
    """An anonymous 120 MB POST is refused before the body is read."""
    size = 120 * 1024 * 1024
    with socket.create_connection(
        ("127.0.0.1", int(stack.base.rsplit(":", 1)[1])), timeout=10
    ) as sock:
        head = (
            "POST /barrierefreiheit/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "X-Forwarded-Proto: https\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {size}\r\n\r\n"
        )
        started = time.monotonic()
        sock.sendall(head.encode())
        sent = 0
        chunk = b"a" * 65536
        sock.settimeout(0.2)
        answer = b""
        while sent < size:
            try:
                sock.sendall(chunk)
                sent += len(chunk)
            except OSError:
                break
            try:
                answer += sock.recv(4096)
                if answer:
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        sock.settimeout(5)
        try:
            answer += sock.recv(4096)
        except OSError:
            pass
        took = time.monotonic() - started
    status = answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/") else "none"
    checks.check(
        status == "413" and sent < size,
        f"120 MB anonymous POST → HTTP {status} after {sent / 1024 / 1024:.1f} MB sent, "
        f"{took:.2f} s",
    )


FAULTS = {
    "worker-kill": fault_worker_kill,
    "worker-restart": fault_worker_restart,
    "pg-during-render": fault_pg_during_render,
    "redis-down": fault_redis_down,
    "redis-worker-start": fault_redis_worker_start,
    "redis-mid-render": fault_redis_mid_render,
    "double-submit": fault_double_submit,
    "tampered-pdf": fault_tampered_pdf,
    "pg-restart": fault_pg_restart,
    "big-post": fault_big_post,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faults", nargs="*", default=["all"], choices=["all", *FAULTS])
    names = parser.parse_args().faults
    if "all" in names:
        names = list(FAULTS)
    checks = Checks("Fault scripts: " + ", ".join(names))
    with Stack() as stack:
        stack.start_web()
        stack.start_worker()
        stack.start_beat()
        for name in names:
            log(f"--- {name}: {FAULTS[name].__doc__.strip().splitlines()[0]}")
            try:
                FAULTS[name](stack, checks)
            except Exception as error:  # noqa: BLE001 - a crashed fault is a failed fault
                checks.check(False, f"{name} crashed: {type(error).__name__}: {error}")
        if any(not ok for ok, _text in checks.results):
            for name in ("web", "worker", "beat"):
                print(f"\n--- last lines of {name}.log ---\n{stack.logtext(name)[-3000:]}")
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
