"""The render task: claiming, leases, idempotency, bounded retries in the database, the sweep."""

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
from tests.reports.factories import ReportFactory

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
    # The report job once, after the commit; then (from the rendering) the "report ready"
    # notification mail to the requester.
    assert len(callbacks) == 2, "the task is enqueued once, after the commit"
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
    report = ReportFactory(status=Report.Status.FAILED, attempts=3, error_message="x")
    client_for(client, cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 1


def test_it_does_not_render_a_report_twice(cast):
    report = ReportFactory(status=Report.Status.READY)
    sha = report.sha256
    assert report_render_task.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert report.sha256 == sha
    assert report.attempts == 0


def test_only_one_worker_can_claim_a_report(cast):
    report = ReportFactory(status=Report.Status.REQUESTED)
    assert services.report_claim(report_id=report.pk) is True
    assert services.report_claim(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert report.attempts == 1


def test_a_worker_whose_job_failed_for_good_meanwhile_does_not_overwrite_the_verdict(
    cast, monkeypatch
):
    report = ReportFactory(status=Report.Status.REQUESTED)
    real = services.render_report_pdf

    def render_while_marked_failed(spec):
        services.report_mark_failed(report_id=report.pk, reason="abgebrochen")
        return real(spec)

    monkeypatch.setattr(services, "render_report_pdf", render_while_marked_failed)
    assert services.report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert not report.file


def test_a_report_whose_worker_died_is_claimed_again_once_the_lease_expired(cast):
    report = ReportFactory(status=Report.Status.REQUESTED)
    assert services.report_claim(report_id=report.pk) is True
    # The worker is killed: nobody renews the lease. While it runs, nobody else may claim.
    assert services.report_claim(report_id=report.pk) is False
    Report.objects.filter(pk=report.pk).update(
        lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert report_render_task.apply(args=[report.pk]).get() == "rendered"
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 2
    assert report.lease_until is None


def test_the_sweep_finishes_a_dead_workers_report_and_fails_it_when_out_of_attempts(cast):
    def rendering(year, attempts, lease_seconds):
        """A report a worker is rendering, its lease ending `lease_seconds` from now."""
        lease_until = timezone.now() + datetime.timedelta(seconds=lease_seconds)
        return ReportFactory(
            status=Report.Status.RENDERING, year=year, attempts=attempts, lease_until=lease_until
        )

    dead = rendering(2024, attempts=1, lease_seconds=-5)
    exhausted = rendering(2023, attempts=3, lease_seconds=-5)
    alive = rendering(2022, attempts=1, lease_seconds=50)
    call_command("sweep_jobs", stdout=io.StringIO())
    for report in (dead, exhausted, alive):
        report.refresh_from_db()
    assert dead.status == Report.Status.READY
    assert dead.attempts == 2
    assert exhausted.status == Report.Status.FAILED
    assert "letzten Versuch" in exhausted.error_message
    assert alive.status == Report.Status.RENDERING


def test_the_job_sweep_is_scheduled_in_beat_every_minute():
    from ris_portal.celery import app

    entries = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert entries["ris_portal.jobs_sweep"] == 60.0


def test_the_task_is_acknowledged_late_with_time_limits():
    assert report_render_task.acks_late is True
    assert report_render_task.reject_on_worker_lost is True
    assert report_render_task.soft_time_limit < report_render_task.time_limit
