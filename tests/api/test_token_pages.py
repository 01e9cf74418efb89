"""Staff issue tokens (shown once) and revoke them after a confirmation page."""

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from tests.conftest import client_for

from .world import statistics_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(cast):
    return client_for(Client(), cast.staff)


def test_staff_issue_a_token_and_see_it_once(staff_client, cast):
    tls = statistics_user()
    response = staff_client.post(
        reverse("api:token_create"),
        {"user": tls.pk, "name": "TLS-Lieferung", "scopes": ["read", "indicator_values:write"]},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.context["raw_token"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == tls and token.created_by == cast.staff
    # The list never shows it again, only its prefix.
    listing = staff_client.get(reverse("api:token_list")).content.decode()
    assert raw not in listing and token.prefix in listing and "TLS-Lieferung" in listing
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(reverse("api:indicator-value-list")).status_code == 200


def test_the_form_offers_only_people_who_may_hold_a_token(staff_client, cast):
    form = staff_client.get(reverse("api:token_create")).context["form"]
    offered = set(form.fields["user"].queryset)
    assert cast.ministry in offered and cast.staff in offered
    assert cast.board not in offered and cast.steering not in offered


def test_write_scope_for_the_ministry_is_refused_with_a_message(staff_client, cast):
    response = staff_client.post(
        reverse("api:token_create"),
        {"user": cast.ministry.pk, "name": "x", "scopes": ["indicator_values:write"]},
    )
    assert response.status_code == 200
    assert "Statistische Landesamt" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_the_token_stops_working(staff_client, cast):
    from api import services

    token, raw = services.token_create(
        user=cast.ministry, name="Referat 41", scopes=["read"], created_by=cast.staff
    )
    url = reverse("api:token_revoke", args=[token.pk])
    confirm = staff_client.get(url)
    assert "Zugang widerrufen?" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # the GET changed nothing
    response = staff_client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == cast.staff
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/").status_code == 401
    again = staff_client.post(url, follow=True)
    assert "bereits widerrufen" in again.content.decode()
