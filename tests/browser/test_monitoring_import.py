"""Staff import a spreadsheet, check the preview, confirm, see the dashboard change, roll back."""

import pytest

from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

STAFF = next(account for account in DEMO_ACCOUNTS if account.key == "staff")

# Windows-1252 with ";" and German numbers and dates, as Excel on German Windows saves it.
SPREADSHEET = (
    "Kennung;Art;Titel;Beginn;Felder;Fördersumme;Förderquelle\r\n"
    "IMP-2026-1;Studie;Studie Wasserstoffregion Thüringen;15.01.2026;NERV;120.000,00;Land\r\n"
    "IMP-2026-2;Veranstaltung;Fachforum Photonik;03.02.2026;IPS;8.500,50;EU\r\n"
    ";;;;;;\r\n"
).encode("cp1252")


def _activity_years(page) -> list[str]:
    headers = page.get_by_test_id("activities-table").locator("thead th")
    return headers.all_inner_texts()


def test_staff_import_preview_confirm_dashboard_and_rollback(ui, demo, tmp_path):
    path = tmp_path / "aktivitaeten-2026.csv"
    path.write_bytes(SPREADSHEET)
    ui.login(STAFF.email, DEMO_PASSWORD)
    page = ui.goto("/dashboard/")
    assert "2026" not in _activity_years(page)

    page = ui.goto("/verwaltung/import/")
    page.get_by_label("Aktivitäten").check()
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(path))
    ui.press("Hochladen und prüfen")
    assert page.get_by_text("Vorschau: Noch ist nichts importiert.").is_visible()
    preview = page.get_by_test_id("preview-table")
    assert preview.get_by_text("Studie Wasserstoffregion Thüringen").is_visible()
    assert preview.locator("tbody tr").count() == 2
    ui.screenshot("import-vorschau")

    ui.press("Import bestätigen")
    assert page.get_by_test_id("batch-status").inner_text() == "importiert"
    assert "2 neu" in page.get_by_test_id("batch-counts").inner_text()
    detail_url = page.url

    page = ui.goto("/dashboard/")
    assert "2026" in _activity_years(page)
    funding = page.get_by_test_id("funding-table").inner_text()
    assert "0,12" in funding  # 120.000 EUR from the Land, shown in million EUR
    ui.screenshot("dashboard")

    page = ui.goto(detail_url.removeprefix(ui.base_url))
    ui.follow("Import zurückrollen")
    ui.press("Ja, zurückrollen")
    assert page.get_by_test_id("batch-status").inner_text() == "zurückgerollt"

    page = ui.goto("/dashboard/")
    assert "2026" not in _activity_years(page)
