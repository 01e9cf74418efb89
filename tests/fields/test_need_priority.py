"""The need's priority reads the number as the UI's locale writes it (issue 15: "4,5" became 45)."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for
from tests.html_forms import form_values


def _save_priority(client, need, typed: str):
    url = reverse("fields:need_update", kwargs={"pk": need.pk})
    page = client.get(url).content.decode()
    assert 'type="number" name="priority"' not in page  # the browser must not reinterpret it
    return client.post(url, form_values(page) | {"priority": typed})


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [("de", "4,5", Decimal("4.50")), ("de", "2", Decimal("2.00")), ("en", "4.5", Decimal("4.50"))],
)
def test_priority_is_read_in_the_ui_locale(client, cast, content, language, typed, stored):
    need = content["need"]
    client_for(client, cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = _save_priority(client, need, typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    need.refresh_from_db()
    assert need.priority == stored


def test_a_german_priority_is_shown_with_a_decimal_comma_and_45_is_refused(client, cast, content):
    need = content["need"]
    client_for(client, cast.staff)
    _save_priority(client, need, "4,5")
    url = reverse("fields:need_update", kwargs={"pk": need.pk})
    assert 'value="4,50"' in client.get(url).content.decode()
    response = _save_priority(client, need, "45")
    assert response.status_code == 200  # refused: the priority runs from 1 to 5
    need.refresh_from_db()
    assert need.priority == Decimal("4.50")
