"""Journeys of flows 2 and 3: online prioritisation in a board, and approval of a roadmap."""

import re

import pytest
from playwright.sync_api import expect

from fields.models import Need, Roadmap, SpecializationField, Theme
from governance.models import Decision, ReviewRound
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.factories import RoadmapFactory, ValueNetworkFactory

pytestmark = pytest.mark.browser

EMAIL = {account.key: account.email for account in DEMO_ACCOUNTS}


def _action(ui, verb, obj):
    """Follow a row action; its accessible name is "<verb>: <object>" (the object is sr-only)."""
    ui.follow(re.compile(rf"^{verb}\W+{re.escape(str(obj))}$"))


def test_board_member_scores_needs_and_staff_close_the_round(ui, demo):
    round_ = ReviewRound.objects.get(title="Priorisierung der Handlungsbedarfe IPS 2026")
    need_ids = list(round_.items.order_by("order").values_list("need_id", flat=True))
    assert len(need_ids) == 5
    before = [Need.objects.get(pk=pk).priority for pk in need_ids]

    ui.login(EMAIL["board"], DEMO_PASSWORD)
    page = ui.page
    ui.nav("Meine Gremien")
    ui.scan()
    bodies = page.get_by_test_id("my-bodies")
    assert "Strategiebeirat Industrielle Produktion und Systeme" in bodies.inner_text()
    assert bodies.locator("li").count() == 1  # only the own field's board

    ui.nav("Priorisierung")
    ui.scan()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1  # rounds of other boards are not listed
    ui.follow(round_.title)
    assert page.get_by_test_id("results-table").count() == 0

    items = page.get_by_test_id("review-item")
    assert items.count() == 5
    for index, score in enumerate([5, 4, None, 2, 3]):
        item = items.nth(index)
        if score is None:
            item.get_by_label("Ich erkläre einen Interessenkonflikt").check()
        else:
            item.get_by_label(str(score), exact=True).check()
    items.nth(0).get_by_label("Kommentar").fill("Sehr dringend für den Mittelstand.")
    ui.press("Bewertung absenden")
    assert page.get_by_text("Ihre Bewertungen sind gespeichert.").is_visible()
    ui.screenshot("priorisierung-bewerten")
    ui.logout()

    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    ui.nav("Priorisierung")
    ui.scan()
    ui.follow(round_.title)
    assert (
        "1 von 4 Mitgliedern haben geantwortet."
        in page.get_by_test_id("participation-count").inner_text()
    )
    ui.follow("Runde abschließen")
    # 1 of 4 is below the participation quorum: closing without a reason is refused.
    ui.press("Runde abschließen")
    expect(page.locator("main")).to_contain_text("Bitte begründen Sie")
    page.get_by_label("Begründung (nötig unter der Mindestbeteiligung)").fill(
        "Frist abgelaufen; das Ergebnis dient als Orientierung."
    )
    ui.press("Runde abschließen")

    assert page.get_by_test_id("round-status").inner_text() == "abgeschlossen"
    assert page.get_by_test_id("results-chart").is_visible()
    table = page.get_by_test_id("results-table").inner_text()
    assert "5,00" in table or "5.00" in table
    ui.screenshot("priorisierung-ergebnis")
    # Closing changes no priority; staff take the means over in an explicit step.
    assert page.get_by_test_id("priorities-pending").is_visible()
    assert [Need.objects.get(pk=pk).priority for pk in need_ids] == before
    ui.follow("Prioritäten übernehmen (Vorschau)")
    ui.press("Prioritäten übernehmen")
    assert page.get_by_test_id("priorities-applied").is_visible()
    priorities = [Need.objects.get(pk=pk).priority for pk in need_ids]
    assert [str(p) if p is not None else None for p in priorities] == [
        "5.00",
        "4.00",
        None,  # conflict of interest: no score, no priority
        "2.00",
        "3.00",
    ]
    assert Need.objects.get(pk=need_ids[0]).history.first().history_change_reason


def test_staff_submit_a_roadmap_the_steering_committee_approves_it_and_it_is_public(ui, demo):
    field = SpecializationField.objects.get(code="IPS")
    network = ValueNetworkFactory(
        theme=Theme.objects.filter(field=field).first(),
        slug="netzwerk-photonik-demo",
        name="Netzwerk Photonik",
    )
    roadmap = RoadmapFactory(
        network=network, title="Roadmap Photonik 2030", status=Roadmap.Status.BOARD_REVIEW
    )

    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.page
    ui.nav("Beschlussvorlagen")
    ui.scan()
    ui.follow("Roadmaps zum Einreichen")
    _action(ui, "Einreichen", roadmap)
    ui.press("Einreichen")
    ui.logout()

    ui.login(EMAIL["steering"], DEMO_PASSWORD)
    ui.nav("Beschlussvorlagen")
    ui.scan()
    assert "Roadmap Photonik 2030" in page.get_by_test_id("approval-table").inner_text()
    _action(ui, "Entscheiden", roadmap)
    page.get_by_label("beschließen", exact=True).check()
    ui.press("Entscheidung speichern")
    assert page.get_by_text("Die Vorlage ist beschlossen.").is_visible()
    ui.logout()

    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    ui.nav("Beschlussvorlagen")
    ui.scan()
    ui.follow("Beschlossene Roadmaps zum Veröffentlichen")
    _action(ui, "Veröffentlichen", roadmap)
    ui.press("Veröffentlichen")
    ui.goto(f"/beschlussvorlagen/roadmap/{roadmap.pk}/verlauf/")
    history = page.locator("main").inner_text()
    for reason in (
        "beim Lenkungskreis eingereicht",
        "vom Lenkungskreis beschlossen",
        "veröffentlicht",
    ):
        assert reason in history
    ui.logout()

    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.PUBLISHED and roadmap.is_public
    assert Decision.objects.get(roadmap=roadmap).outcome == Decision.Outcome.APPROVED
    # Public: the decision and the roadmap's published state on the public decision list.
    ui.goto("/gremien/beschluesse/")
    table = page.get_by_test_id("decision-table").inner_text()
    assert "Roadmap: Roadmap Photonik 2030" in table
    # Published: the roadmap is linked to its public page (a draft would show only its status).
    roadmap_link = page.get_by_test_id("decision-table").get_by_role(
        "link", name="Roadmap Photonik 2030", exact=True
    )
    assert roadmap_link.get_attribute("href") == f"/roadmaps/{roadmap.pk}/"
    ui.goto("/gremien/lenkungskreis/")
    assert "Roadmap: Roadmap Photonik 2030" in page.get_by_test_id("decision-table").inner_text()
    # The published roadmap is public now: its page and the field page show it.
    ui.goto(f"/roadmaps/{roadmap.pk}/")
    assert "Roadmap Photonik 2030" in page.locator("main").inner_text()
    ui.goto(f"/felder/{roadmap.network.theme.field.slug}/")
    assert page.get_by_role("link", name="Roadmap Photonik 2030", exact=True).is_visible()
