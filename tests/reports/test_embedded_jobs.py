"""The embedded setup (`make run`, no broker) runs a report beside the request, not inside it.

Issue 15: "Bericht anfordern" froze the page for about 20 s because the task ran inside the
request. With RIS_TASKS_IN_THREAD the request answers at once and the page shows the same
progress as with Celery while a background thread renders the report.
"""

import threading
import time

import pytest
from django.urls import reverse

from reports import services
from reports.models import Report
from tests.conftest import client_for
from tests.polling import wait_for_status


@pytest.mark.django_db(transaction=True)
def test_requesting_a_report_answers_before_the_report_is_rendered(
    client, cast, settings, monkeypatch
):
    settings.RIS_TASKS_IN_THREAD = True
    release = threading.Event()
    original = services.render_report_pdf

    def slow_render(spec):
        release.wait(20)  # the request must not wait for this
        return original(spec)

    monkeypatch.setattr(services, "render_report_pdf", slow_render)
    client_for(client, cast.staff)
    started = time.monotonic()
    response = client.post(
        reverse("reports:report_request"), {"year": 2025, "kind": "jahresbericht"}
    )
    answered_after = time.monotonic() - started
    assert response.status_code == 302
    assert answered_after < 10
    report = Report.objects.get()
    assert report.status in (Report.Status.REQUESTED, Report.Status.RENDERING)
    # The report page polls its status like with a worker.
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'data-hx-trigger="every 2s"' in page
    release.set()
    wait_for_status(report, Report.Status.READY, seconds=60, step=0.2)
    assert report.status == Report.Status.READY
