"""Data quality in the browser: a suspicious value needs a reason; the ministry sees the gaps."""

import pytest

from monitoring.models import Indicator, IndicatorValue, QualityConfirmation
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}


def test_staff_confirm_a_suspicious_value_and_the_ministry_sees_the_gaps(ui, demo, tmp_path):
    indicator = Indicator.objects.get(code="MON-FUNDING")
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)

    # The demo rule allows ± 40 % against the previous year; 2025 is about 220 (Mio. EUR).
    page = ui.goto(f"/verwaltung/indikatoren/{indicator.pk}/werte/neu/")
    page.get_by_label("Jahr").fill("2026")
    page.get_by_label("Wert", exact=True).fill("660")
    page.get_by_label("Status").select_option("endgueltig")
    ui.press("Speichern")
    warnings = page.get_by_test_id("plausibility-warnings")
    assert "Vorjahreswert" in warnings.inner_text()
    assert not IndicatorValue.objects.filter(indicator=indicator, year=2026).exists()
    ui.screenshot("plausibilitaetswarnung")

    page.get_by_label("Begründung für den auffälligen Wert").fill("Sonderprogramm Wasserstoff")
    ui.press("Speichern")
    assert page.get_by_test_id("confirmation-list").get_by_text("Sonderprogramm").is_visible()
    confirmation = QualityConfirmation.objects.get()
    assert confirmation.value.year == 2026 and confirmation.confirmed_by.email == (
        ACCOUNTS["staff"].email
    )

    # An import with a jump: the preview warns; the confirmation takes one reason for all.
    path = tmp_path / "werte.csv"
    path.write_text("Indikator;Jahr;Wert\nCTX-RD-GDP;2026;9,5\n", encoding="utf-8")
    page = ui.goto("/verwaltung/import/?art=indicator-values")
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(str(path))
    ui.press("Hochladen und prüfen")
    assert page.get_by_test_id("row-warning").is_visible()
    page.get_by_label("Begründung für die auffälligen Werte").fill("Neue Abgrenzung laut TLS")
    ui.press("Import bestätigen")
    assert page.get_by_test_id("batch-status").inner_text() == "importiert"
    ui.logout()

    ui.login(ACCOUNTS["ministry"].email, DEMO_PASSWORD)
    page = ui.goto("/datenqualitaet/vollstaendigkeit/?first=2021&last=2025&gaps=on")
    table = page.get_by_test_id("completeness-table")
    assert table.get_by_text("MON-ACTORS").is_visible()
    assert table.locator("[data-state='fehlt']").count() == 3
    ui.screenshot("vollstaendigkeit")
    page = ui.goto("/datenqualitaet/bestaetigungen/")
    assert page.get_by_text("Neue Abgrenzung laut TLS").is_visible()
    assert page.get_by_text("Sonderprogramm Wasserstoff").is_visible()
