"""Plausibility warnings: the value form, the import, the command line and the service (API)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import ImportBatch, IndicatorValue, QualityConfirmation
from monitoring.services import (
    PlausibilityError,
    import_batch_confirm,
    import_batch_create,
    indicator_value_save,
)
from monitoring.validation import fingerprint, values_warnings
from tests.conftest import client_for
from tests.factories import IndicatorFactory
from tests.monitoring.factories import ValidationRuleFactory

from .factories import IndicatorValueFactory

pytestmark = pytest.mark.django_db

FINAL = IndicatorValue.Status.FINAL


def _new_value(indicator, year, number, field=None, status=FINAL):
    return IndicatorValueFactory.build(
        indicator=indicator, field=field, year=year, value=Decimal(number), status=status
    )


# --- the value form ---------------------------------------------------------------------------
def _with_2024(**kwargs):
    """An indicator whose value of 2024 is 100: what the plausibility warnings compare with."""
    indicator = IndicatorFactory(**kwargs)
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("100"))
    return indicator


def test_a_final_value_three_times_last_years_is_not_accepted_without_a_word(client, cast):
    """Regression (issue 10): the form saved a tripled final value silently."""
    indicator = IndicatorFactory(code="MON-X")
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("100"), status=FINAL)
    client_for(client, cast.staff)
    url = reverse("monitoring:indicator_value_create", kwargs={"pk": indicator.pk})
    data = {"year": 2025, "value": "300", "status": FINAL}

    response = client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "noch nicht gespeichert" in page
    assert "+200 % vom Vorjahreswert 100 (2024)" in page
    assert 'name="quality_reason"' in page and "<textarea" in page
    assert not IndicatorValue.objects.filter(year=2025).exists()

    shown = response.context["form"].data["quality_fingerprint"]
    response = client.post(
        url, {**data, "quality_fingerprint": shown, "quality_reason": "Großprojekt gestartet"}
    )

    assert response.status_code == 302
    value = IndicatorValue.objects.get(year=2025)
    assert value.value == Decimal("300")
    [confirmation] = value.quality_confirmations.all()
    assert confirmation.reason == "Großprojekt gestartet"
    assert confirmation.confirmed_by == cast.staff
    assert confirmation.source == QualityConfirmation.Source.FORM
    assert confirmation.checked_value == Decimal("300")
    assert [w["code"] for w in confirmation.warnings] == ["change_previous"]
    assert value.history.first().history_change_reason == "Großprojekt gestartet"


def test_the_form_asks_again_when_the_value_changed_after_the_warning(client, cast):
    indicator = _with_2024()
    client_for(client, cast.staff)
    url = reverse("monitoring:indicator_value_create", kwargs={"pk": indicator.pk})
    first = client.post(url, {"year": 2025, "value": "300", "status": FINAL})
    shown = first.context["form"].data["quality_fingerprint"]

    # The reason was written for 300; 900 raises a different warning that nobody saw yet.
    again = client.post(
        url,
        {
            "year": 2025,
            "value": "900",
            "status": FINAL,
            "quality_fingerprint": shown,
            "quality_reason": "geprüft",
        },
    )

    assert again.status_code == 200
    assert "+800 %" in again.content.decode()
    assert not IndicatorValue.objects.filter(year=2025).exists()


def test_a_plausible_value_needs_no_reason_and_leaves_no_confirmation(client, cast):
    indicator = _with_2024()
    client_for(client, cast.staff)
    url = reverse("monitoring:indicator_value_create", kwargs={"pk": indicator.pk})
    response = client.post(url, {"year": 2025, "value": "130", "status": FINAL})
    assert response.status_code == 302
    assert not QualityConfirmation.objects.exists()


def test_editing_only_the_source_note_asks_nothing_again(client, cast):
    indicator = _with_2024()
    value = IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("300"))
    client_for(client, cast.staff)
    response = client.post(
        reverse("monitoring:indicator_value_update", kwargs={"pk": value.pk}),
        {
            "year": 2025,
            "value": "300",
            "status": "vorlaeufig",
            "source_note": "TLS 2026",
            "version": value.version,
        },
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.source_note == "TLS 2026"


def test_marking_a_suspicious_value_final_is_checked(cast):
    indicator = _with_2024()
    value = IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("300"))
    value.status = FINAL
    with pytest.raises(PlausibilityError):
        indicator_value_save(value=value, expected_version=value.version)


# --- the rules --------------------------------------------------------------------------------
def test_the_rule_sets_minimum_maximum_and_allowed_change(cast):
    indicator = IndicatorFactory()
    ValidationRuleFactory(
        indicator=indicator,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_change_percent=Decimal("10"),
    )
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("50"))

    def codes(year, number):
        with pytest.raises(PlausibilityError) as raised:
            indicator_value_save(value=_new_value(indicator, year, number))
        return sorted(w.code for w in raised.value.warnings)

    assert codes(2025, "-1") == ["below_min", "change_previous"]
    assert codes(2025, "150") == ["above_max", "change_previous"]
    assert codes(2025, "56") == ["change_previous"]
    assert codes(2030, "101") == ["above_max"]  # no previous year: no change check
    indicator_value_save(value=_new_value(indicator, 2025, "54"))  # within 10 %


def test_a_value_between_two_years_is_checked_against_the_following_year(cast):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("100"))
    IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("100"))
    with pytest.raises(PlausibilityError) as raised:
        indicator_value_save(value=_new_value(indicator, 2024, "20"))
    assert [w.code for w in raised.value.warnings] == ["change_previous", "change_following"]


def test_a_jump_from_zero_is_a_warning(cast):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("0"))
    with pytest.raises(PlausibilityError) as raised:
        indicator_value_save(value=_new_value(indicator, 2025, "5"))
    assert [w.code for w in raised.value.warnings] == ["from_zero"]
    indicator_value_save(value=_new_value(indicator, 2026, "0"))  # no previous 2025 value yet


def test_values_of_other_fields_and_archived_values_are_no_previous_year(cast):
    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, field=cast.field_a, year=2024, value=Decimal("1"))
    IndicatorValueFactory(indicator=indicator, year=2024, value=Decimal("1"), is_archived=True)
    indicator_value_save(value=_new_value(indicator, 2025, "300"))
    assert not QualityConfirmation.objects.exists()


def test_the_service_accepts_a_confirmation_without_fingerprint_for_api_clients(cast):
    indicator = _with_2024()
    with pytest.raises(PlausibilityError) as raised:
        indicator_value_save(value=_new_value(indicator, 2025, "300"), user=cast.staff)
    error = raised.value
    assert isinstance(error, ValidationError)  # older callers still show the messages
    assert error.fingerprint == fingerprint(error.warnings)
    with pytest.raises(PlausibilityError):
        indicator_value_save(
            value=_new_value(indicator, 2025, "300"),
            quality_reason="geprüft",
            confirmed_fingerprint="etwas anderes",
        )
    value = indicator_value_save(
        value=_new_value(indicator, 2025, "300"),
        quality_reason="Sondereffekt",
        user=cast.staff,
        source=QualityConfirmation.Source.API,
    )
    assert value.quality_confirmations.get().source == QualityConfirmation.Source.API


# --- the import -------------------------------------------------------------------------------
HEADER = "Indikator;Feld;Jahr;Wert;Status;Begründung\n"


def _batch(cast, lines):
    batch, preview = import_batch_create(
        kind="indicator-values",
        file_name="werte.csv",
        content=(HEADER + lines).encode(),
        user=cast.staff,
    )
    assert batch is not None, preview.error_messages
    return batch, preview


def test_the_import_preview_shows_warnings_and_the_confirmation_needs_a_reason(client, cast):
    indicator = _with_2024(code="IMP-1")
    batch, preview = _batch(cast, "IMP-1;;2025;300;endgültig;\nIMP-1;FA;2025;7;vorläufig;\n")
    [row] = preview.warning_rows
    assert row.key == (indicator.pk, None, 2025)

    client_for(client, cast.staff)
    page = client.get(reverse("monitoring:import_detail", kwargs={"pk": batch.pk}))
    html = page.content.decode()
    assert 'data-testid="import-warnings"' in html and "+200 %" in html
    assert 'name="quality_reason"' in html

    refused = client.post(reverse("monitoring:import_confirm", kwargs={"pk": batch.pk}))
    assert refused.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW
    assert not IndicatorValue.objects.filter(year=2025).exists()

    client.post(
        reverse("monitoring:import_confirm", kwargs={"pk": batch.pk}),
        {"quality_reason": "Neue Förderdatenbank"},
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    [confirmation] = QualityConfirmation.objects.all()
    assert confirmation.value == IndicatorValue.objects.get(year=2025, field=None)
    assert confirmation.import_batch == batch
    assert confirmation.source == QualityConfirmation.Source.IMPORT
    assert confirmation.reason == "Neue Förderdatenbank"
    assert confirmation.confirmed_by == cast.staff


def test_a_reason_in_the_file_confirms_its_row(cast):
    _with_2024(code="IMP-2")
    batch, preview = _batch(cast, "IMP-2;;2025;300;endgültig;Statistik revidiert\n")
    assert preview.warning_rows and not preview.unconfirmed_warning_rows
    import_batch_confirm(batch=batch, user=cast.staff)
    assert QualityConfirmation.objects.get().reason == "Statistik revidiert"


def test_a_jump_inside_the_file_is_reported_once_on_the_later_row(cast):
    indicator = IndicatorFactory(code="IMP-3")
    _batch_, preview = _batch(cast, "IMP-3;;2024;100;;\nIMP-3;;2025;400;;\nIMP-3;;2026;410;;\n")
    assert [row.key[2] for row in preview.warning_rows] == [2025]
    found = values_warnings({(indicator.pk, None, 2024): Decimal(100)})
    assert found == {}


def test_the_command_line_rejects_warnings_without_a_reason(cast, tmp_path, capsys):
    _with_2024(code="CLI-1")
    path = tmp_path / "werte.csv"
    path.write_text(HEADER + "CLI-1;;2025;300;endgültig;\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        call_command("import_records", "indicator-values", str(path))
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "Warnung Zeile 2" in err and "Begründung" in err
    assert not IndicatorValue.objects.filter(year=2025).exists()

    call_command("import_records", "indicator-values", str(path), "--begruendung", "geprüft")
    assert IndicatorValue.objects.get(year=2025).quality_confirmations.get().reason == "geprüft"
