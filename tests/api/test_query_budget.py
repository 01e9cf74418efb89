"""API lists make the same number of queries at 1× and 10× the rows (no N+1)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import UserFactory

from .factories import ApiTokenFactory
from .world import grow, token_for

pytestmark = pytest.mark.django_db

# Each list: 1 COUNT for the paginator + 1 page of rows (joins applied) + its prefetches.
BUDGETS = {
    "field": 2,
    "theme": 2 + 2,  # potentials, related fields
    "network": 2,
    # action fields, their measures, the measures' actors and needs
    "roadmap": 2 + 4,
    "body": 2 + 1,  # public members (with user and organisation joined)
    "decision": 2,
    "event": 2,
    "indicator": 2,
    "indicator-value": 2,
    "target": 2,
    "report": 2,
}
# With a token: + the token lookup, + the last-use update, + roles (groups, memberships).
TOKEN_EXTRA = 4
TOKEN_BUDGETS = {
    "need": 2,
    "activity": 2 + 4,  # fields, themes, actors prefetched (+1 for import batch join)
    "roadmap": 2 + 4,
    "indicator-value": 2,
}


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_public_lists_hold_their_budget_at_ten_times_the_rows(
    cast, name, django_assert_max_num_queries
):
    url = reverse(f"api:{name}-list") + "?page_size=500"
    grow(cast, 1)
    with django_assert_max_num_queries(BUDGETS[name]):
        small = Client().get(url)
    grow(cast, 9)
    with django_assert_max_num_queries(BUDGETS[name]):
        large = Client().get(url)
    assert large.json()["count"] > small.json()["count"]


@pytest.mark.parametrize("name", sorted(TOKEN_BUDGETS))
def test_token_lists_hold_their_budget_at_ten_times_the_rows(
    cast, name, django_assert_max_num_queries
):
    url = reverse(f"api:{name}-list") + "?page_size=500"
    budget = TOKEN_BUDGETS[name] + TOKEN_EXTRA
    grow(cast, 1)
    raw = token_for(cast.staff, "read")
    with django_assert_max_num_queries(budget):
        small = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(url)
    grow(cast, 9)
    with django_assert_max_num_queries(budget):
        large = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(url)
    assert large.json()["count"] > small.json()["count"]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_token_page_holds_its_budget_at_ten_times_the_rows(
    cast, rows, django_assert_max_num_queries
):
    """The staff page listing API tokens (a CapabilityListView), with revoked ones among them."""
    for i in range(rows):
        ApiTokenFactory(
            user=UserFactory(username=f"leser{i}@example.org"),
            created_by=cast.staff,
            name=f"Zugang {i}",
            revoked_at=timezone.now() if i % 3 == 0 else None,
            revoked_by=cast.staff if i % 3 == 0 else None,
        )
    client = client_for(Client(), cast.staff)
    # session, user, groups, memberships (roles), count, page of tokens with their three users.
    with django_assert_max_num_queries(6):
        page = client.get(reverse("api:token_list"))
    assert page.status_code == 200
    assert page.content.decode().count("…</code></td>") == min(rows, 25)  # one row per token
