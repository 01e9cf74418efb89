"""The value history prints numbers as people write them (issue 15: it showed "425.1000")."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for

from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "old", "new"), [("de", "425,1", "1000"), ("en", "425.1", "1000")]
)
def test_value_history_shows_numbers_without_stored_trailing_zeros(
    client, cast, language, old, new
):
    value = IndicatorValueFactory(value=Decimal("425.1"))
    value.refresh_from_db()
    assert str(value.value) == "425.1000"  # four decimal places in the database
    value.value = Decimal("1000")
    value.version += 1
    value.save()
    client_for(client, cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("monitoring:indicator_value_history", args=[value.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "425.1000" not in html and "1000.0000" not in html
    assert old in html and new in html
