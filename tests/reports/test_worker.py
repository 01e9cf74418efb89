"""A real Celery worker process renders a report requested through the web UI.

Runs whenever REDIS_URL is set (always in CI, where it must not be skipped) and the tests use
PostgreSQL: the worker is a separate process and must see the same test database, so it gets
DATABASE_URL with the test database's name, and the same MEDIA_ROOT for the PDF.
"""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from reports.models import Report
from tests.conftest import client_for
from tests.polling import wait_for_status

IN_CI = os.environ.get("CI", "").lower() == "true"
# The Redis database of this test process (its own one in a parallel run, see settings).
REDIS_URL = settings.REDIS_URL
BASE_DIR = Path(settings.BASE_DIR)


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"The worker test must run in CI: {reason}")
    pytest.skip(reason)


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


@pytest.fixture
def worker(transactional_db, settings, tmp_path):
    if not REDIS_URL:
        _unavailable("REDIS_URL is not set")
    if connection.vendor != "postgresql":
        _unavailable("the worker process needs a shared PostgreSQL test database")
    from ris_portal.celery import app

    queue = f"reports-test-{uuid.uuid4().hex[:8]}"
    settings.REPORTS_QUEUE = queue
    # The worker is another process: the PDF must go through the shared file system.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    app.conf.task_always_eager = False  # restored by the autouse fixture in tests/conftest.py
    log = tmp_path / "worker.log"
    # Without PYTEST_XDIST_WORKER the worker takes REDIS_URL as given: this process's database.
    env = {key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"}
    env |= {
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": REDIS_URL,
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ris_portal",
                "worker",
                "--pool=solo",
                "--queues",
                queue,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        connection.close()


def test_a_real_worker_renders_a_report_requested_through_the_web_ui(worker, client, cast):
    process, log = worker
    client_for(client, cast.staff)
    response = client.post(
        reverse("reports:report_request"), {"year": 2025, "kind": "jahresbericht"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    status_url = reverse("reports:report_status", args=[report.pk])

    def worker_alive():
        assert process.poll() is None, log.read_text(errors="replace")

    wait_for_status(
        report, Report.Status.READY, Report.Status.FAILED, seconds=120, step=0.5, check=worker_alive
    )
    assert report.status == Report.Status.READY, (
        f"{report.status}: {report.error_message}\n{log.read_text(errors='replace')[-3000:]}"
    )
    assert report.attempts == 1
    fragment = client.get(status_url).content.decode()
    assert 'data-status="fertig"' in fragment
    client.logout()
    client_for(client, cast.ministry)
    download = client.get(reverse("reports:report_download", args=[report.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    assert len(content) == report.size
    assert "succeeded" in log.read_text(errors="replace")
