"""The render task: claiming, idempotency, bounded retries in the database, failure, stuck jobs."""

import datetime
import hashlib
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report
from reports.tasks import report_render_task
from tests.conftest import client_for

from .helpers import make_report

pytestmark = pytest.mark.django_db


class FlakyRenderer:
    """Fails the first `failures` renderings with a transient error, then renders for real."""

    def __init__(self, real, failures: int):
        self.real = real
        self.failures = failures
        self.calls = 0

    def __call__(self, spec):
        self.calls += 1
        if self.calls <= self.failures:
            raise OSError("Speicher vorübergehend nicht erreichbar")
        return self.real(spec)


def _request_through_the_ui(client, cast, year=2025):
    client_for(client, cast.staff)
    response = client.post(
        reverse("reports:report_request"), {"year": year, "kind": "jahresbericht"}
    )
    assert response.status_code == 302
    return Report.objects.get()


def test_it_renders_a_report_requested_through_the_web_ui(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = _request_through_the_ui(client, cast)
    assert len(callbacks) == 1, "the task is enqueued once, after the commit"
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 1
    assert report.requested_by == cast.staff
    content = report.file.read()
    report.file.close()
    assert content.startswith(b"%PDF-")
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    assert report.size == len(content)
    assert report.pages >= 5
    assert report.started_at <= report.finished_at


def test_it_enqueues_nothing_before_the_commit(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = _request_through_the_ui(client, cast)
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.REQUESTED
    assert report.attempts == 0


def test_it_fails_first_and_succeeds_on_retry(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    flaky = FlakyRenderer(services.render_report_pdf, failures=1)
    monkeypatch.setattr(services, "render_report_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(year=2025, user=cast.staff)
    report.refresh_from_db()
    assert flaky.calls == 2
    assert report.status == Report.Status.READY
    assert report.attempts == 2
    assert report.error_message == ""
    assert report.file


def test_it_gives_up_after_max_attempts_and_shows_the_reason(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    flaky = FlakyRenderer(services.render_report_pdf, failures=99)
    monkeypatch.setattr(services, "render_report_pdf", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(year=2025, user=cast.staff)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.attempts == report.max_attempts == 3
    assert flaky.calls == 3
    assert "Speicher vorübergehend nicht erreichbar" in report.error_message
    client_for(client, cast.staff)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Speicher vorübergehend nicht erreichbar" in page
    assert reverse("reports:report_retry", args=[report.pk]) in page


def test_the_retry_button_renders_a_failed_report_again(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    report = make_report(
        status=Report.Status.FAILED, with_file=False, attempts=3, error_message="x"
    )
    client_for(client, cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 1


def test_it_does_not_render_a_report_twice(cast):
    report = make_report(status=Report.Status.READY)
    sha = report.sha256
    assert report_render_task.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert report.sha256 == sha
    assert report.attempts == 0


def test_only_one_worker_can_claim_a_report(cast):
    report = make_report(status=Report.Status.REQUESTED, with_file=False)
    assert services.report_claim(report_id=report.pk) is True
    assert services.report_claim(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert report.attempts == 1


def test_a_worker_that_was_declared_stuck_does_not_overwrite_the_verdict(cast, monkeypatch):
    report = make_report(status=Report.Status.REQUESTED, with_file=False)
    real = services.render_report_pdf

    def render_while_detector_runs(spec):
        services.reports_mark_stuck(older_than=datetime.timedelta(minutes=-1))
        return real(spec)

    monkeypatch.setattr(services, "render_report_pdf", render_while_detector_runs)
    assert services.report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert not report.file


def test_the_stuck_job_detector_marks_old_renderings_as_failed(cast):
    old = make_report(
        status=Report.Status.RENDERING,
        with_file=False,
        started_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    fresh = make_report(status=Report.Status.RENDERING, with_file=False, started_at=timezone.now())
    call_command("detect_stuck_reports", "--minutes", "15", stdout=io.StringIO())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == Report.Status.FAILED
    assert "15 Minuten" in old.error_message
    assert fresh.status == Report.Status.RENDERING


def test_the_stuck_job_detector_is_scheduled_in_beat():
    from ris_portal.celery import app

    entries = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "reports.tasks.reports_detect_stuck_task" in entries


def test_the_task_is_acknowledged_late_with_time_limits():
    assert report_render_task.acks_late is True
    assert report_render_task.reject_on_worker_lost is True
    assert report_render_task.soft_time_limit < report_render_task.time_limit
