"""Flow 5: staff request the annual report, watch its status, the ministry downloads it, staff
publish it and an anonymous visitor finds it in the public download centre.

The browser runs against the live server. So that the status change is really watched (htmx
polling, no reload), the job is queued without being run; the test then plays the worker by
running the task itself. The real worker process is covered by tests/reports/test_worker.py.
"""

import uuid

import pytest

from reports.models import Report
from reports.tasks import report_render_task
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}


@pytest.fixture
def queued_not_run(settings):
    """Queue report jobs on a queue no worker listens to (instead of running them eagerly)."""
    from ris_portal.celery import app

    settings.REPORTS_QUEUE = f"reports-browser-{uuid.uuid4().hex[:8]}"
    app.conf.task_always_eager = False  # restored by the autouse fixture in tests/conftest.py


def test_staff_request_ministry_downloads_staff_publish_public_finds(ui, demo, queued_not_run):
    page = ui.page
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto("/berichte/erstellung/")
    page.get_by_label("Berichtsjahr").select_option("2025")
    ui.press("Bericht erstellen")
    status = page.get_by_test_id("report-status")
    assert status.get_attribute("data-status") == "angefordert"
    ui.screenshot("bericht-angefordert")

    # The worker's part: render the queued report while the page keeps polling.
    report = Report.objects.get()
    assert report_render_task.apply(args=[report.pk]).get() == "rendered"
    page.wait_for_selector("[data-testid=report-status][data-status=fertig]", timeout=20000)
    assert page.get_by_role("link", name="PDF herunterladen").is_visible()
    ui.scan()
    ui.screenshot("bericht-fertig")
    ui.logout()

    ui.login(ACCOUNTS["ministry"].email, DEMO_PASSWORD)
    ui.goto(f"/berichte/{report.pk}/")
    assert page.get_by_role("link", name="Veröffentlichen").count() == 0
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")
    ui.logout()

    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto(f"/berichte/{report.pk}/")
    ui.follow("Veröffentlichen")
    page.get_by_label("Ich habe den Bericht geprüft und möchte ihn veröffentlichen.").check()
    ui.press("Jetzt veröffentlichen")
    assert page.get_by_test_id("report-status").get_attribute("data-status") == "veroeffentlicht"
    ui.logout()

    ui.goto("/berichte/")
    table = page.get_by_test_id("download-centre")
    assert table.get_by_role("link", name="Monitoringbericht 2025", exact=True).is_visible()
    ui.screenshot("download-bereich")
    table.get_by_role("link", name="Monitoringbericht 2025", exact=True).click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.get_by_role("link", name="PDF herunterladen").is_visible()
