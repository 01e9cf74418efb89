"""Staff write the assessment of a report chapter (with preview), the steering committee
comments, staff request the report with a Stichtag, the ministry downloads it and finds the
assessment in the PDF.

As in tests/browser/test_reports_flow.py the job is queued without being run; the test plays
the worker by running the task itself while the page polls.
"""

import hashlib
import io
import uuid

import pytest
from django.utils import timezone
from pypdf import PdfReader

from reports.models import Narrative, NarrativeComment, Report
from reports.tasks import report_render_task
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}
TEXT = (
    "Die FuE-Quote stieg 2025 auf **2,87 %**; das Ziel von 3 % ist in Reichweite.\n\n"
    "- Wasserstoff: zwei neue Verbundprojekte\n- Fachkräfte: Lücke bleibt"
)


@pytest.fixture
def queued_not_run(settings):
    """Queue report jobs on a queue no worker listens to (instead of running them eagerly)."""
    from ris_portal.celery import app

    settings.REPORTS_QUEUE = f"reports-browser-{uuid.uuid4().hex[:8]}"
    app.conf.task_always_eager = False  # restored by the autouse fixture in tests/conftest.py


def test_staff_write_the_narrative_request_with_a_stichtag_ministry_downloads(
    ui, demo, queued_not_run
):
    page = ui.page
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto("/berichte/erstellung/")
    page.get_by_test_id("narrative-link").click()
    page.wait_for_load_state("load")
    ui.scan()
    page.get_by_label("Berichtsjahr").select_option("2025")
    ui.press("Anzeigen")
    table = page.get_by_test_id("narrative-table")
    # The demo wrote three chapters (marked as samples); four field chapters are still open.
    assert table.get_by_text("noch nicht geschrieben").count() == 4
    table.get_by_role("link", name="Thüringen im Überblick").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.get_by_test_id("comment").get_by_text("Patentanmeldungen").is_visible()
    ui.follow("Einschätzung bearbeiten")

    page.get_by_label("Einschätzung der Geschäftsstelle (Markdown)").fill(TEXT)
    page.get_by_test_id("preview-text").click()
    preview = page.locator("#id_text_preview")
    preview.locator("strong").wait_for()
    assert preview.locator("strong").inner_text() == "2,87 %"
    assert preview.locator("li").count() == 2
    ui.scan()
    ui.screenshot("einschaetzung-bearbeiten")
    ui.press("Speichern")
    assert page.get_by_test_id("narrative-text").locator("strong").inner_text() == "2,87 %"
    assert Narrative.objects.get(year=2025, chapter="thueringen").version == 2
    ui.logout()

    ui.login(ACCOUNTS["steering"].email, DEMO_PASSWORD)
    ui.goto("/berichte/einschaetzungen/jahresbericht/2025/thueringen/")
    assert page.get_by_test_id("narrative-text").get_by_text("Wasserstoff").is_visible()
    assert page.get_by_role("link", name="Einschätzung bearbeiten").count() == 0
    page.get_by_label("Ihr Kommentar").fill("Bitte die Fachkräftelücke mit Zahlen belegen.")
    ui.press("Kommentar abgeben")
    assert page.get_by_test_id("comment").get_by_text("Fachkräftelücke").is_visible()
    comment = NarrativeComment.objects.get(text__contains="Fachkräftelücke")
    assert (comment.author.email, comment.narrative_version) == (ACCOUNTS["steering"].email, 2)
    ui.screenshot("einschaetzung-kommentar")
    ui.logout()

    # The text was written today: a report as of today contains it.
    today = timezone.localdate()
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto("/berichte/erstellung/")
    page.get_by_label("Berichtsjahr").select_option("2025")
    page.get_by_label("Stichtag").fill(today.isoformat())
    ui.press("Bericht erstellen")
    report = Report.objects.get()
    assert report.stichtag == today
    assert report_render_task.apply(args=[report.pk]).get() == "rendered"
    page.wait_for_selector("[data-testid=report-status][data-status=fertig]", timeout=30000)
    ui.scan()
    ui.logout()

    ui.login(ACCOUNTS["ministry"].email, DEMO_PASSWORD)
    ui.goto(f"/berichte/{report.pk}/")
    assert page.get_by_text(today.strftime("%d.%m.%Y")).first.is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    with open(download_info.value.path(), "rb") as handle:
        content = handle.read()
    # The ministry gets exactly the file that was rendered, with the checksum the page shows.
    report.refresh_from_db()
    digest = hashlib.sha256(content).hexdigest()
    assert digest == report.sha256 and len(content) == report.size
    assert page.get_by_text(digest).is_visible()
    pdf = PdfReader(io.BytesIO(content))
    text = " ".join(page_.extract_text() for page_ in pdf.pages)
    assert f"Stichtag: {today.strftime('%d.%m.%Y')}" in " ".join(
        pdf.pages[0].extract_text().split()
    )
    assert "Einschätzung der Geschäftsstelle" in text
    assert "Wasserstoff: zwei neue Verbundprojekte" in " ".join(text.split())
    assert "Lücken in den Indikatorwerten" in text
