"""POST /api/v1/indicator-values/: an idempotent upsert through the monitoring service."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from monitoring.models import IndicatorValue
from tests.factories import IndicatorFactory
from tests.monitoring.factories import IndicatorValueFactory, YearLockFactory

from .world import statistics_user, token_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/indicator-values/"
WRITE = ApiToken.Scope.WRITE_VALUES


def post(raw, payload):
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}").post(
        URL, payload, content_type="application/json"
    )


@pytest.fixture
def indicator(cast):
    return IndicatorFactory(code="TLS-1")


@pytest.fixture
def writer(cast):
    return token_for(statistics_user(), WRITE)


def test_url_is_the_list_url():
    assert reverse("api:indicator-value-list") == URL


def test_first_delivery_creates_second_changes_nothing(writer, indicator, cast):
    item = {"indicator": "TLS-1", "field": cast.field_a.code, "year": 2025, "value": "12.5"}
    first = post(writer, item)
    assert first.status_code == 200, first.content
    assert first.json()["results"][0]["action"] == "created"
    value = IndicatorValue.objects.get(indicator=indicator)
    assert value.value == Decimal("12.5") and value.field == cast.field_a
    assert value.status == IndicatorValue.Status.PROVISIONAL
    again = post(writer, item)
    assert again.json()["results"][0]["action"] == "unchanged"
    assert IndicatorValue.objects.count() == 1
    assert value.history.count() == 1  # no new history entry for the repeat


def test_change_goes_through_the_service_with_history(writer, indicator):
    IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("1"))
    response = post(writer, {"indicator": "TLS-1", "year": 2025, "value": 2, "source_note": "TLS"})
    assert response.json()["results"][0]["action"] == "changed"
    value = IndicatorValue.objects.get(indicator=indicator, year=2025)
    assert value.value == 2 and value.version == 2 and value.history.count() == 2


def test_changing_a_final_value_needs_a_reason(writer, indicator):
    IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("1"), status="endgueltig")
    payload = {"indicator": "TLS-1", "year": 2025, "value": 3, "status": "endgueltig"}
    refused = post(writer, payload)
    assert refused.status_code == 400
    assert "begründen" in str(refused.json())
    accepted = post(writer, {**payload, "reason": "Korrektur TLS 04/2026"})
    assert accepted.status_code == 200
    assert IndicatorValue.objects.get(year=2025).change_reason == "Korrektur TLS 04/2026"


def test_locked_years_are_refused(writer, indicator):
    YearLockFactory(year=2023)
    response = post(writer, {"indicator": "TLS-1", "year": 2023, "value": 1})
    assert response.status_code == 400
    assert "gesperrt" in str(response.json())
    assert not IndicatorValue.objects.exists()


def test_a_list_is_all_or_nothing_with_errors_per_item(writer, indicator):
    response = post(
        writer,
        [
            {"indicator": "TLS-1", "year": 2024, "value": 1},
            {"indicator": "UNBEKANNT", "year": 2024, "value": 1},
        ],
    )
    assert response.status_code == 400
    assert "1" in response.json()["errors"]
    assert "Unbekannter Indikatorcode" in str(response.json())
    assert not IndicatorValue.objects.exists()


def test_invalid_input_is_explained(writer, indicator):
    response = post(writer, {"indicator": "TLS-1", "year": 1800, "value": "viel"})
    assert response.status_code == 400
    assert set(response.json()["errors"]["0"]) == {"year", "value"}


@pytest.mark.parametrize(
    ("who", "scopes", "status"),
    [
        ("statistics", [WRITE], 200),
        ("staff", [WRITE], 200),
        ("statistics", ["read"], 403),  # no write scope
        ("ministry", [WRITE], 403),  # scope given by mistake: the role may not write
        ("anonymous", None, 401),
    ],
)
def test_writing_needs_scope_and_role(cast, indicator, who, scopes, status):
    if who == "anonymous":
        response = Client().post(
            URL, {"indicator": "TLS-1", "year": 2024, "value": 1}, content_type="application/json"
        )
    else:
        user = statistics_user() if who == "statistics" else cast.for_role(who)
        response = post(token_for(user, *scopes), {"indicator": "TLS-1", "year": 2024, "value": 1})
    assert response.status_code == status


def test_a_token_stops_writing_when_its_user_leaves_the_role(cast, indicator):
    user = statistics_user()
    raw = token_for(user, WRITE)
    user.groups.clear()
    response = post(raw, {"indicator": "TLS-1", "year": 2024, "value": 1})
    assert response.status_code == 403


def test_plausibility_warnings_need_a_quality_reason_and_are_recorded(writer, indicator):
    from monitoring.models import QualityConfirmation

    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("100"))
    jump = {"indicator": "TLS-1", "year": 2025, "value": 300}
    refused = post(writer, jump)
    assert refused.status_code == 400
    assert "Vorjahreswert" in str(refused.json())
    assert not IndicatorValue.objects.filter(year=2025).exists()
    accepted = post(writer, {**jump, "quality_reason": "Neues Großprojekt, TLS bestätigt"})
    assert accepted.status_code == 200, accepted.content
    confirmation = QualityConfirmation.objects.get()
    assert confirmation.source == QualityConfirmation.Source.API
    assert confirmation.reason == "Neues Großprojekt, TLS bestätigt"
