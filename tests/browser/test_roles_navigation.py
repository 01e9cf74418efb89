"""First journey: each demo role logs in, sees its navigation, switches to English and back."""

import pytest

from ris_portal.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.browser

# Navigation entries (data-nav keys) that must or must not be visible per role.
EXPECTED_NAV = {
    "staff": ({"home", "bodies", "goals", "feedback_inbox", "invitations"}, set()),
    "board": ({"home", "bodies", "goals"}, {"feedback_inbox", "invitations"}),
    "steering": ({"home", "bodies", "goals"}, {"feedback_inbox", "invitations"}),
    "ministry": ({"home", "bodies", "goals"}, {"feedback_inbox", "invitations"}),
    "statistics": ({"home", "bodies"}, {"feedback_inbox", "invitations", "api_tokens", "goals"}),
    "admin": ({"home", "bodies", "goals", "feedback_inbox", "invitations"}, set()),
}


def _nav_keys(page) -> set[str]:
    return set(
        page.locator(
            "nav[aria-label='Hauptnavigation'] a, nav[aria-label='Main navigation'] a"
        ).evaluate_all("links => links.map(a => a.dataset.nav)")
    )


def test_public_home_lists_the_five_fields(ui, demo):
    page = ui.goto("/")
    cards = page.locator("ul[aria-label='Spezialisierungsfelder'] li")
    assert cards.count() == 5
    assert page.get_by_role("link", name="Industrielle Produktion und Systeme").is_visible()
    ui.screenshot("startseite")


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.key)
def test_demo_role_logs_in_sees_navigation_and_switches_language(ui, demo, account):
    ui.login(account.email, DEMO_PASSWORD)
    page = ui.page
    assert page.get_by_test_id("current-user").is_visible()
    must, must_not = EXPECTED_NAV[account.key]
    keys = _nav_keys(page)
    assert must <= keys, f"{account.key} misses {must - keys}"
    assert not (must_not & keys), f"{account.key} must not see {must_not & keys}"

    page.get_by_test_id("language-en").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Sign out").is_visible()

    page.get_by_test_id("language-de").click()
    page.wait_for_load_state("load")
    ui.scan()
    assert page.locator("html").get_attribute("lang") == "de"
    ui.logout()
    assert page.get_by_role("link", name="Anmelden").is_visible()
