"""Journeys: a visitor finds the open data and the API documentation; staff issue a token for
the statistics office (shown once), the office delivers a value, staff revoke the token."""

import json
import re
import urllib.request

import pytest

from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

ACCOUNTS = {account.key: account for account in DEMO_ACCOUNTS}


def test_visitor_reads_open_data_and_api_docs(ui, demo):
    page = ui.goto("/open-data/")
    assert page.get_by_role("heading", name="Offene Daten", exact=True).is_visible()
    assert page.get_by_role("link", name="themes.csv").is_visible()
    ui.screenshot("offene-daten")
    ui.follow("API-Dokumentation")
    assert page.get_by_role("heading", name="GET /api/v1/roadmaps/ – Roadmaps").is_visible()
    ui.screenshot("api-dokumentation")


def test_staff_issue_and_revoke_a_token_for_the_statistics_office(ui, demo):
    ui.login(ACCOUNTS["staff"].email, DEMO_PASSWORD)
    page = ui.goto("/verwaltung/api-zugaenge/")
    ui.follow("Zugang anlegen")
    page.get_by_label("Person").select_option(label="Sina Statistik (statistik@ris-portal.example)")
    page.get_by_label("Bezeichnung").fill("TLS-Lieferung")
    page.get_by_label("Lesen mit den Rechten der Rolle").check()
    page.get_by_label("Indikatorwerte liefern").check()
    ui.press("Zugang anlegen")
    raw = page.get_by_test_id("raw-token").inner_text()
    assert raw.startswith("ris_")
    ui.screenshot("api-zugang-angelegt")

    request = urllib.request.Request(
        ui.url("/api/v1/indicator-values/"),
        data=json.dumps({"indicator": "CTX-RD-GDP", "year": 2026, "value": 2.7}).encode(),
        headers={"Authorization": f"Bearer {raw}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert json.load(response)["results"][0]["action"] == "created"

    ui.follow("Zurück zu den API-Zugängen")
    page.get_by_role("row", name=re.compile("TLS-Lieferung")).get_by_role(
        "link", name=re.compile("^Widerrufen")
    ).click()
    page.wait_for_load_state("load")
    ui.scan()
    ui.press("Ja, widerrufen")
    assert page.get_by_text("widerrufen am").is_visible()
    request = urllib.request.Request(ui.url("/api/v1/"), headers={"Authorization": f"Bearer {raw}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 401
    refused.value.close()
