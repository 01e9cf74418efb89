"""History pages: paginated, with a constant number of queries however long the history is."""

import pytest
from django.urls import reverse

from ris_portal.concurrency import save_versioned
from ris_portal.history import HISTORY_PAGE_SIZE
from tests.conftest import client_for
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _edit(theme, fields, times: int):
    for n in range(times):
        theme.description = f"Fassung {theme.version + 1}"
        theme.field = fields[n % 2]  # a foreign key change on every entry
        save_versioned(theme, expected_version=theme.version)


def test_the_history_page_holds_its_query_budget_at_2_and_30_entries(
    client, cast, django_assert_max_num_queries
):
    theme = ThemeFactory(field=cast.field_a)
    client_for(client, cast.staff)
    url = reverse("fields:theme_history", kwargs={"pk": theme.pk})
    fields = (cast.field_b, cast.field_a)
    _edit(theme, fields, 1)
    # session, user, groups, memberships, theme (+2 prefetches), count, page, the record
    # before the page, one per many-to-many field, one per related model
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    _edit(theme, fields, 29)
    with django_assert_max_num_queries(13):
        page = client.get(url).content.decode()
    assert page.count('data-testid="history-entry"') == HISTORY_PAGE_SIZE
    assert "Spezialisierungsfeld" in page  # the foreign-key change, labelled


def test_the_last_entry_of_a_page_shows_its_change_against_the_next_page(client, cast):
    theme = ThemeFactory(field=cast.field_a, description="Fassung 1")
    _edit(theme, (cast.field_a, cast.field_a), HISTORY_PAGE_SIZE + 4)
    client_for(client, cast.staff)
    url = reverse("fields:theme_history", kwargs={"pk": theme.pk})
    first = client.get(url).content.decode()
    assert "Seite 1 von 2" in first
    oldest_on_page = first.rsplit('data-testid="history-entry"', 1)[1]
    assert "ris-diff-ins" in oldest_on_page  # compared with the newest entry of page 2
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('data-testid="history-entry"') == 5
    assert "angelegt" in second
