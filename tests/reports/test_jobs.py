"""Reports as durable jobs: broker outages, idempotent requests, parallel clicks, the sweep."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from reports import services
from reports.models import Report
from reports.tasks import report_render_task
from ris_portal import jobs
from tests.conftest import client_for
from tests.reports.factories import ReportFactory


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails as it does when Redis is stopped."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(report_render_task, "apply_async", refuse)


@pytest.mark.django_db
def test_a_request_while_the_broker_is_down_waits_and_the_sweep_renders_it_later(
    client, cast, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    client_for(client, cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_request"), {"year": 2025, "kind": "jahresbericht"}
        )
    assert response.status_code == 302, "a broker outage must not answer 500"
    report = Report.objects.get()
    assert report.status == Report.Status.REQUESTED
    assert report.enqueued_at is None
    page = client.get(response.url).content.decode()
    assert "wartet auf die Verarbeitung" in page
    assert 'data-testid="report-waiting"' in page

    # Redis is back: the next sweep enqueues the report, and it is rendered.
    monkeypatch.undo()
    assert jobs.jobs_sweep()["reports.Report"] == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 1


@pytest.mark.django_db
def test_the_sweep_re_enqueues_a_request_whose_message_was_lost(cast, monkeypatch):
    # Enqueued long ago, but Redis restarted without the message: still "angefordert".
    report = ReportFactory(
        status=Report.Status.REQUESTED,
        year=2025,
        stichtag=datetime.date(2025, 12, 31),
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    fresh = ReportFactory(
        status=Report.Status.REQUESTED,
        year=2024,
        stichtag=datetime.date(2024, 12, 31),
        enqueued_at=timezone.now(),
    )
    sent = []
    monkeypatch.setattr(report_render_task, "apply_async", lambda **kw: sent.append(kw["args"]))
    jobs.jobs_sweep()
    assert sent == [[report.pk]], "only the request whose message is overdue is enqueued again"
    report.refresh_from_db()
    assert report.enqueued_at > timezone.now() - datetime.timedelta(seconds=5)
    fresh.refresh_from_db()
    assert fresh.status == Report.Status.REQUESTED


@pytest.mark.django_db
def test_a_second_click_returns_the_report_in_progress(client, cast, monkeypatch):
    monkeypatch.setattr(report_render_task, "apply_async", lambda **kw: None)
    client_for(client, cast.staff)
    url = reverse("reports:report_request")
    first = client.post(url, {"year": 2025, "kind": "jahresbericht"})
    second = client.post(url, {"year": 2025, "kind": "jahresbericht"}, follow=True)
    assert Report.objects.count() == 1
    report = Report.objects.get()
    assert first.url == second.redirect_chain[-1][0] == report.get_absolute_url()
    assert "bereits angefordert" in second.content.decode()
    # Another Stichtag or another kind is another job.
    services.report_request(year=2025, user=cast.staff, stichtag=datetime.date(2025, 6, 30))
    services.report_request(year=2025, user=cast.staff, kind=Report.Kind.FINAL)
    assert Report.objects.count() == 3
    assert sorted(Report.objects.values_list("number", flat=True)) == [1, 1, 2]


@pytest.mark.django_db
def test_a_finished_report_can_be_requested_again_as_a_new_version(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_request(year=2025, user=cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_request(year=2025, user=cast.staff)
    assert second.number == 2
    assert Report.objects.filter(status=Report.Status.READY).count() == 2


@pytest.mark.django_db(transaction=True)
def test_parallel_clicks_create_one_job_and_no_error(cast, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (CI runs this)")
    monkeypatch.setattr(report_render_task, "apply_async", lambda **kw: None)
    clicks = 6
    barrier = threading.Barrier(clicks)
    statuses, errors = [], []

    def click():
        try:
            browser = Client()
            browser.force_login(cast.staff, backend="django.contrib.auth.backends.ModelBackend")
            barrier.wait()
            response = browser.post(
                reverse("reports:report_request"), {"year": 2025, "kind": "jahresbericht"}
            )
            statuses.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses == [302] * clicks
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_for_different_stichtage_get_distinct_version_numbers(cast, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL (CI runs this)")
    monkeypatch.setattr(report_render_task, "apply_async", lambda **kw: None)
    days = [datetime.date(2025, month, 1) for month in range(1, 7)]
    barrier = threading.Barrier(len(days))
    errors = []

    def request(day):
        try:
            barrier.wait()
            services.report_request(year=2025, user=cast.staff, stichtag=day)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(day,)) for day in days]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Report.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_after_a_broker_failure_requests_do_not_wait_for_the_broker_again(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(1)
        raise OperationalError("Connection refused")

    monkeypatch.setattr(report_render_task, "apply_async", refuse)
    for year in (2023, 2024, 2025):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_request(year=year, user=cast.staff)
    assert len(attempts) == 1, "the broker is paused after the first failure"
    assert Report.objects.filter(status=Report.Status.REQUESTED).count() == 3
    # The sweep does not pause: it tries every waiting report.
    jobs.jobs_sweep()
    assert len(attempts) == 4


@pytest.mark.django_db
def test_a_retry_that_cannot_be_published_leaves_the_job_to_the_sweep(cast, monkeypatch):
    from reports.tasks import report_render_task as task

    report = ReportFactory(
        status=Report.Status.REQUESTED,
        year=2025,
    )

    def broken_render(spec):
        raise OSError("Speicher weg")

    def retry_unpublishable(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(services, "render_report_pdf", broken_render)
    monkeypatch.setattr(task, "retry", retry_unpublishable)
    assert task.apply(args=[report.pk]).get() == "released"
    report.refresh_from_db()
    assert report.status == Report.Status.REQUESTED, "not failed for good: attempts are left"
    assert report.attempts == 1
