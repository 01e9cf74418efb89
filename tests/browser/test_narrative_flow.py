"""Staff write the assessment of a report chapter (with preview), the committee comments."""

import pytest

from reports.models import Narrative, NarrativeComment
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}
TEXT = (
    "Die FuE-Quote stieg 2025 auf **2,87 %**; das Ziel von 3 % ist in Reichweite.\n\n"
    "- Wasserstoff: zwei neue Verbundprojekte\n- Fachkräfte: Lücke bleibt"
)


def test_staff_write_with_preview_and_the_steering_committee_comments(ui, demo):
    page = ui.page
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    ui.goto("/berichte/erstellung/")
    page.get_by_test_id("narrative-link").click()
    page.wait_for_load_state("load")
    ui.scan()
    page.get_by_label("Berichtsjahr").select_option("2025")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state("load")
    ui.scan()
    table = page.get_by_test_id("narrative-table")
    assert table.get_by_text("noch nicht geschrieben").count() >= 7  # Thüringen, 5 fields, …
    table.get_by_role("link", name="Thüringen im Überblick").click()
    page.wait_for_load_state("load")
    ui.scan()
    page.get_by_role("link", name="Einschätzung schreiben").click()
    page.wait_for_load_state("load")
    ui.scan()

    page.get_by_label("Einschätzung der Geschäftsstelle (Markdown)").fill(TEXT)
    page.get_by_test_id("preview-text").click()
    preview = page.locator("#id_text_preview")
    preview.locator("strong").wait_for()
    assert preview.locator("strong").inner_text() == "2,87 %"
    assert preview.locator("li").count() == 2
    ui.scan()
    ui.screenshot("einschaetzung-bearbeiten")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.get_by_test_id("narrative-text").locator("strong").inner_text() == "2,87 %"
    assert Narrative.objects.get(year=2025, chapter="thueringen").version == 1
    ui.logout()

    ui.login(ACCOUNTS["steering"].email, DEMO_PASSWORD)
    ui.goto("/berichte/einschaetzungen/jahresbericht/2025/thueringen/")
    assert page.get_by_test_id("narrative-text").get_by_text("Wasserstoff").is_visible()
    assert page.get_by_role("link", name="Einschätzung bearbeiten").count() == 0
    page.get_by_label("Ihr Kommentar").fill("Bitte die Fachkräftelücke mit Zahlen belegen.")
    page.get_by_role("button", name="Kommentar abgeben").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.get_by_test_id("comment").get_by_text("Fachkräftelücke").is_visible()
    comment = NarrativeComment.objects.get()
    assert comment.author.email == ACCOUNTS["steering"].email
    ui.screenshot("einschaetzung-kommentar")
