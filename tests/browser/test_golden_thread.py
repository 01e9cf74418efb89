"""Flow 6, the golden thread, on the seeded demo chain (NERV, "Grüner Wasserstoff regional").

Anonymous: from the public indicator page to the decision in at most three clicks, and back.
Staff: from an activity to the round result that set the need's priority. Every page passes axe.
"""

import pytest

from governance.models import Decision
from monitoring.models import Activity
from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD
from thread.seed import ACTIVITY_REFERENCE, INDICATOR_CODE, NEED_TITLE, ROUND_TITLE

pytestmark = pytest.mark.browser

EMAIL = {account.key: account.email for account in DEMO_ACCOUNTS}


def _click(ui, locator):
    locator.click()
    ui.page.wait_for_load_state("load")
    ui.scan()


def _panel(ui):
    return ui.page.get_by_test_id("thread-panel")


def test_the_public_follow_an_indicator_to_its_decision_and_back(ui, demo):
    decision = Decision.objects.get(title__contains="Grüner Wasserstoff", is_public=True)
    page = ui.goto(f"/indikatoren/{INDICATOR_CODE}/")
    clicks = 0
    # 1: the measure that moves the indicator (its public page).
    _click(ui, _panel(ui).get_by_role("link", name="Demo: Machbarkeitsstudie Elektrolyse"))
    clicks += 1
    assert "/massnahmen/" in page.url
    # 2: its roadmap.
    _click(
        ui,
        _panel(ui).get_by_role("link", name="Demo-Roadmap Grüner Wasserstoff regional (Fassung 1)"),
    )
    clicks += 1
    assert "/roadmaps/" in page.url
    # 3: the decision that approved it, named with body and date.
    link = _panel(ui).get_by_role("link", name=decision.title)
    assert "Lenkungskreis RIS Thüringen" in _panel(ui).inner_text()
    _click(ui, link)
    clicks += 1
    assert page.url.endswith(f"/gremien/beschluesse/{decision.pk}/")
    assert clicks <= 3
    facts = page.get_by_test_id("decision-facts").inner_text()
    assert "Lenkungskreis RIS Thüringen" in facts and "angenommen" in facts
    assert "Der Beschluss folgt der Empfehlung." in facts
    # The recommendation it followed is public with the published roadmap.
    _click(ui, page.get_by_test_id("decision-recommendation").get_by_role("link"))
    assert "Zustimmung empfohlen" in page.get_by_test_id("recommendation-outcome").inner_text()
    page.go_back()
    page.wait_for_load_state("load")
    # And back down the chain: from the decision to the indicator in one click.
    _click(ui, _panel(ui).get_by_role("link", name=INDICATOR_CODE, exact=False).first)
    assert page.url.endswith(f"/indikatoren/{INDICATOR_CODE}/")
    # Nothing internal on the way: no need, no round result.
    assert NEED_TITLE not in page.locator("main").inner_text()

    # The results chain of the roadmap, as a diagram and a list.
    _click(
        ui,
        _panel(ui).get_by_role("link", name="Demo-Roadmap Grüner Wasserstoff regional (Fassung 1)"),
    )
    _click(ui, page.get_by_test_id("thread-chain-link"))
    assert page.get_by_test_id("chain-figure").locator("svg").count() == 1
    assert "Demo: Machbarkeitsstudie" in page.get_by_test_id("chain-list").inner_text()


def test_staff_follow_an_activity_to_the_round_result(ui, demo):
    activity = Activity.objects.get(reference=ACTIVITY_REFERENCE)
    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.goto(f"/verwaltung/aktivitaeten/{activity.pk}/")
    # The measure is chosen from a list grouped by field and roadmap.
    groups = page.locator("select#id_measure optgroup")
    assert groups.count() >= 2
    _click(ui, _panel(ui).get_by_role("link", name="Demo: Machbarkeitsstudie Elektrolyse"))
    assert "/arbeitsbereich/massnahmen/" in page.url
    panel = _panel(ui).inner_text()
    assert NEED_TITLE in panel and "Priorität 4,33" in panel
    _click(
        ui, _panel(ui).get_by_role("link", name=f"Ergebnis der Priorisierungsrunde „{ROUND_TITLE}“")
    )
    assert "/priorisierung/" in page.url
    assert page.get_by_test_id("results-table").is_visible()
    assert NEED_TITLE in page.get_by_test_id("results-table").inner_text()


def test_the_search_finds_word_forms_with_highlighted_snippets(ui, demo):
    page = ui.goto("/suche/?q=Machbarkeitsstudien")
    assert "0 Treffer" not in page.get_by_test_id("search-count").inner_text()
    ui.login(EMAIL["staff"], DEMO_PASSWORD)
    page = ui.goto("/suche/?q=Pilotanlage")
    assert page.get_by_test_id("search-group-bedarfe").is_visible()
    assert NEED_TITLE in page.get_by_test_id("search-group-bedarfe").inner_text()
