"""Year locks say why they exist; the publish page promises only what is allowed (issue 15)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from monitoring.models import IndicatorValue, YearLock
from monitoring.services import import_preview, indicator_value_save, indicator_values_lock_year
from reports import services
from reports.models import Report
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.monitoring.factories import IndicatorValueFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def _refusal(year: int, reason: str = "") -> str:
    value = IndicatorValueFactory(
        indicator=IndicatorFactory(), year=year, value=Decimal("5"), status="endgueltig"
    )
    value.value = Decimal("6")
    with pytest.raises(ValidationError) as error:
        indicator_value_save(value=value, expected_version=value.version, reason=reason)
    assert IndicatorValue.objects.get(pk=value.pk).value == Decimal("5")
    return " ".join(error.value.messages)


def test_a_manual_lock_does_not_claim_a_published_report(cast):
    indicator_values_lock_year(year=2023, user=cast.staff, note="Prüfung abgeschlossen")
    message = _refusal(2023)
    assert "Das Jahr 2023 ist gesperrt" in message
    assert "von Hand" in message
    assert "Monitoringbericht veröffentlicht" not in message
    assert "Bericht veröffentlicht" not in message


def test_a_lock_by_publication_names_the_report_and_a_reason_does_not_open_it(cast):
    report = ReportFactory(status=Report.Status.READY, year=2024)
    services.report_publish(report=report, user=cast.staff)
    assert YearLock.objects.get(year=2024).cause == YearLock.Cause.REPORT
    message = _refusal(2024, reason="Korrektur des Landesamts")
    assert "weil sein Monitoringbericht veröffentlicht ist" in message


def test_publishing_the_report_of_a_year_locked_by_hand_records_the_publication(cast):
    indicator_values_lock_year(year=2024, user=cast.staff)
    services.report_publish(
        report=ReportFactory(status=Report.Status.READY, year=2024), user=cast.staff
    )
    assert YearLock.objects.get(year=2024).cause == YearLock.Cause.REPORT


def test_the_import_gives_the_same_cause(cast):
    IndicatorFactory(code="IND-L")
    indicator_values_lock_year(year=2022, user=cast.staff)
    preview = import_preview(
        kind="indicator-values", file_name="w.csv", content=b"Indikator;Jahr;Wert\nIND-L;2022;1\n"
    )
    assert "von Hand" in " ".join(preview.error_messages)


def test_the_year_lock_page_shows_the_cause(client, cast):
    indicator_values_lock_year(year=2021, user=cast.staff)
    client_for(client, cast.staff)
    html = client.get(reverse("monitoring:year_locks")).content.decode()
    assert 'data-testid="lock-cause">von Hand gesperrt<' in html


def test_the_publish_page_promises_no_changes_with_a_reason(client, cast):
    report = ReportFactory(status=Report.Status.READY, year=2024)
    client_for(client, cast.staff)
    html = client.get(reverse("reports:report_publish", args=[report.pk])).content.decode()
    assert "mit Begründung" not in html
    assert "weder bearbeitet noch importiert" in html
