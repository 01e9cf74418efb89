"""Every link of the main navigation opens for the user who is shown it.

The menu (each app's `navigation.py`) and the views (their capability and scope) decide access
in two places; this test is what keeps them in step: a menu entry that answers 403 or 404 is a
dead end for the user, in either language.
"""

import re

import pytest

from ris_portal.roles import GROUP_STATISTICS
from tests.conftest import client_for
from tests.factories import UserFactory

NAV = re.compile(r'<a class="ris-nav__link" href="([^"]+)" data-nav="([^"]+)"')

ROLES = ["user", "board", "steering", "ministry", "staff", "superuser", "statistics"]


def _menu(client) -> dict[str, str]:
    response = client.get("/")
    assert response.status_code == 200
    return {key: url for url, key in NAV.findall(response.content.decode())}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_menu_link_opens_for_whoever_sees_it(client, cast, role, language):
    if role == "statistics":
        user = UserFactory(username="statistik@example.org", groups=[GROUP_STATISTICS])
    else:
        user = getattr(cast, role)
    client_for(client, user)
    client.cookies["django_language"] = language
    menu = _menu(client)
    assert "home" in menu
    for key, url in menu.items():
        # A board member's "Dashboard" forwards to the dashboard of their field.
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{role}: {key} ({url}) → {response.status_code}"
        assert response.headers["Content-Language"] == language, (key, url)


def test_the_menu_differs_by_role(client, cast):
    """The check above is not vacuous: staff are shown more than a user without a role."""
    client_for(client, cast.user)
    plain = set(_menu(client))
    client.logout()
    client_for(client, cast.staff)
    staff = set(_menu(client))
    assert plain < staff
    assert {"invitations", "feedback_inbox", "actors", "import"} <= staff - plain
