"""Conflicts merge on the monitoring forms: many-to-many fields with history, numbers, a
change reason handled by the service."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from monitoring.models import IndicatorValue
from ris_portal.roles import GROUP_STAFF
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.html_forms import form_values

from .factories import ActivityFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(cast):
    colleague = UserFactory(username="kollegin@example.org", groups=[GROUP_STAFF])
    return client_for(Client(), cast.staff), client_for(Client(), colleague)


def _open(client, url) -> dict:
    return form_values(client.get(url).content.decode())


def test_activity_keeps_both_changes_including_the_tracked_fields(two_editors, cast):
    a, b = two_editors
    activity = ActivityFactory(title="Forum", fields=[cast.field_a])
    url = reverse("monitoring:activity_update", kwargs={"pk": activity.pk})
    loaded_a, loaded_b = _open(a, url), _open(b, url)
    changed = loaded_a | {"funding_amount": "12500.50", "fields": [str(cast.field_b.pk)]}
    assert a.post(url, changed).status_code == 302

    refused = b.post(url, loaded_b | {"title": "Forum Photonik"})
    assert refused.status_code == 200
    html = refused.content.decode()
    merged = form_values(html)
    assert merged["title"] == "Forum Photonik"
    assert Decimal(merged["funding_amount"].replace(",", ".")) == Decimal("12500.50")
    # The fields of an activity are kept in its history (reports read them as of a Stichtag),
    # so B's unchanged selection is told from a change: A's new field stays, nothing to decide.
    assert merged["fields"] == str(cast.field_b.pk)
    assert "Ihre Eingabe war: „Feld A“" not in html

    assert b.post(url, merged).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.funding_amount) == ("Forum Photonik", Decimal("12500.50"))
    assert list(activity.fields.all()) == [cast.field_b]


def test_indicator_value_merge_keeps_the_reason_the_user_entered(two_editors):
    a, b = two_editors
    value = IndicatorValueFactory(value=Decimal("100"), year=2023)
    url = reverse("monitoring:indicator_value_update", kwargs={"pk": value.pk})
    loaded_a, loaded_b = _open(a, url), _open(b, url)
    assert a.post(url, loaded_a | {"source_note": "Statistisches Landesamt"}).status_code == 302

    refused = b.post(url, loaded_b | {"value": "120", "reason": "Korrektur der Quelle"})
    assert refused.status_code == 200
    merged = form_values(refused.content.decode())
    assert merged["source_note"] == "Statistisches Landesamt"
    assert merged["reason"] == "Korrektur der Quelle"
    assert b.post(url, merged).status_code == 302
    value = IndicatorValue.objects.get(pk=value.pk)
    assert (value.value, value.source_note) == (Decimal("120"), "Statistisches Landesamt")
