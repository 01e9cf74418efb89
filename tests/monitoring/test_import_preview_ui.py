"""Regression tests for the import defects of issue 15.

The import accepts the template's values in either language whatever language the UI shows; a
preview reopened in another language validates the same; the preview shows the parsed values of
new rows and labels (not internal codes) for changes; an empty cell keeps the stored value; a
duplicate key is reported even when an earlier row has an error.
"""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from fields.models import Actor
from monitoring.models import Activity, ImportBatch, IndicatorValue
from monitoring.services import import_batch_confirm, import_batch_create, import_preview
from tests.conftest import client_for
from tests.factories import FieldFactory, IndicatorFactory

from .factories import ActivityFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    # The preview speaks the language of the request; a request of an earlier test may have
    # left English active in this thread.
    with translation.override("de"):
        yield


def _preview(kind: str, text: str):
    return import_preview(kind=kind, file_name="datei.csv", content=text.encode())


@pytest.mark.parametrize("ui_language", ["de", "en"])
@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("vorläufig", IndicatorValue.Status.PROVISIONAL),
        ("provisional", IndicatorValue.Status.PROVISIONAL),
        ("endgültig", IndicatorValue.Status.FINAL),
        ("Final", IndicatorValue.Status.FINAL),
    ],
)
def test_status_is_accepted_in_either_language_whatever_the_ui_language(
    cast, ui_language, cell, status
):
    IndicatorFactory(code="IND-A")
    with translation.override(ui_language):
        preview = _preview("indicator-values", f"Indikator;Jahr;Wert;Status\nIND-A;2024;5;{cell}\n")
    assert preview.is_valid, preview.error_messages
    assert preview.rows[0].values["status"] == status


@pytest.mark.parametrize("ui_language", ["de", "en"])
def test_the_portals_own_templates_import_cleanly_whatever_the_ui_language(
    client, cast, ui_language
):
    # The reference data the templates' example rows name, so that every row must be valid.
    IndicatorFactory(code="MON-RD-PROJECTS")
    FieldFactory(code="IPS")
    FieldFactory(code="NERV")
    client_for(client, cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = ui_language
    parsed = {}
    for kind in ("indicator-values", "activities", "actors"):
        response = client.get(reverse("monitoring:import_template", args=[kind, "csv"]))
        assert response.status_code == 200
        with translation.override(ui_language):
            preview = import_preview(kind=kind, file_name="vorlage.csv", content=response.content)
        assert preview.is_valid, preview.error_messages
        assert [row.action for row in preview.rows] == ["new"]
        parsed[kind] = preview.rows[0].values
    # The German example choices ("vorläufig", "Veranstaltung", "Land", "Unternehmen") are read.
    assert parsed["indicator-values"]["status"] == IndicatorValue.Status.PROVISIONAL
    assert parsed["activities"]["kind"] == Activity.Kind.EVENT
    assert parsed["activities"]["funding_source"] == Activity.FundingSource.LAND
    assert parsed["actors"]["kind"] == Actor.Kind.COMPANY


def test_a_preview_reopened_in_another_language_shows_no_errors(client, cast):
    IndicatorFactory(code="IND-A")
    batch, preview = import_batch_create(
        kind="indicator-values",
        file_name="werte.csv",
        content="Indikator;Jahr;Wert;Status\nIND-A;2023;5;vorläufig\nIND-A;2024;6;endgültig\n".encode(),
        user=cast.staff,
    )
    assert batch is not None, preview.error_messages
    client_for(client, cast.staff)
    url = reverse("monitoring:import_detail", args=[batch.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.context["preview"].is_valid, response.context["preview"].error_messages
    assert response.context["preview"].counts["new"] == 2
    # and it still imports after being looked at in English
    batch = import_batch_confirm(batch=batch, user=cast.staff)
    assert batch.status == ImportBatch.Status.IMPORTED


def test_new_rows_show_their_parsed_values_with_labels(client, cast):
    batch, preview = import_batch_create(
        kind="activities",
        file_name="a.csv",
        content=(
            "Kennung;Art;Titel;Beginn;Felder;Fördersumme;Förderquelle\n"
            "N-1;Studie;Neue Studie;02.03.2025;FA;1.234,5;EU\n"
        ).encode(),
        user=cast.staff,
    )
    assert batch is not None, preview.error_messages
    row = preview.rows[0]
    assert row.action == "new"
    assert "Beginn: 02.03.2025" in row.shown_values
    assert "Fördersumme (EUR): 1234,5" in row.shown_values
    assert "Förderquelle: EU" in row.shown_values
    assert "Spezialisierungsfelder: FA" in row.shown_values
    assert not [v for v in row.shown_values if "Neue Studie" in v or "N-1" in v]  # in "Eintrag"
    client_for(client, cast.staff)
    page = client.get(reverse("monitoring:import_detail", args=[batch.pk])).content.decode()
    assert "Beginn: 02.03.2025" in page


def test_changed_rows_show_labels_not_internal_codes(cast):
    ActivityFactory(
        reference="C-1",
        title="Gleich",
        kind=Activity.Kind.STUDY,
        start_date=datetime.date(2024, 1, 1),
        funding_source=Activity.FundingSource.LAND,
        fields=[cast.field_a],
    )
    preview = _preview(
        "activities",
        "Kennung;Art;Titel;Beginn;Förderquelle;Felder\nC-1;Veranstaltung;Gleich;01.01.2024;EU;FB\n",
    )
    changes = preview.rows[0].changes
    kind = Activity._meta.get_field("kind")
    assert f"{kind.verbose_name}: Studie → Veranstaltung" in changes
    assert "Förderquelle: Land → EU" in changes
    assert "Spezialisierungsfelder: FA → FB" in changes
    joined = " ".join(changes)
    assert "studie" not in joined  # the internal codes are lower case
    assert "veranstaltung" not in joined


def test_an_empty_cell_keeps_the_stored_value_and_is_not_a_change(cast):
    """Decision: an empty cell means "no information" and keeps what is stored."""
    activity = ActivityFactory(
        reference="E-1",
        title="Mit Ende",
        kind=Activity.Kind.STUDY,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 6, 30),
        funding_amount=Decimal("500.00"),
        funding_source=Activity.FundingSource.EU,
        fields=[cast.field_a],
    )
    text = (
        "Kennung;Art;Titel;Beginn;Ende;Fördersumme;Förderquelle;Felder\n"
        "E-1;Studie;Neuer Titel;01.01.2024;;;;\n"
    )
    preview = _preview("activities", text)
    row = preview.rows[0]
    assert row.changes == ["Titel: Mit Ende → Neuer Titel"]
    batch, _preview_again = import_batch_create(
        kind="activities", file_name="leer.csv", content=text.encode(), user=cast.staff
    )
    import_batch_confirm(batch=batch, user=cast.staff)
    activity.refresh_from_db()
    assert activity.title == "Neuer Titel"
    assert activity.end_date == datetime.date(2024, 6, 30)
    assert activity.funding_amount == Decimal("500.00")
    assert activity.funding_source == Activity.FundingSource.EU
    assert list(activity.fields.all()) == [cast.field_a]


def test_an_empty_status_cell_keeps_a_final_value_final(cast):
    indicator = IndicatorFactory(code="IND-F")
    value = IndicatorValueFactory(
        indicator=indicator, year=2023, value=Decimal("5"), status=IndicatorValue.Status.FINAL
    )
    preview = _preview("indicator-values", "Indikator;Jahr;Wert;Status\nIND-F;2023;5;\n")
    assert preview.rows[0].action == "unchanged"
    new = _preview("indicator-values", "Indikator;Jahr;Wert;Status\nIND-F;2024;5;\n")
    assert new.is_valid, new.error_messages
    value.refresh_from_db()
    assert value.status == IndicatorValue.Status.FINAL


def test_a_duplicate_key_is_reported_even_after_an_error_in_an_earlier_row(cast):
    preview = _preview(
        "activities",
        "Kennung;Art;Titel;Beginn\n"
        "D-1;Studie;Erste;kein Datum\n"  # an error in the first occurrence
        "D-1;Studie;Zweite;01.01.2024\n",
    )
    second = preview.rows[1]
    assert any("mehrfach" in error for error in second.errors), second.errors


def test_rows_whose_key_cannot_be_read_are_not_called_duplicates(cast):
    IndicatorFactory(code="IND-A")
    preview = _preview(
        "indicator-values",
        "Indikator;Feld;Jahr;Wert\nIND-A;XX;2024;1\nIND-A;XX;2024;2\nIND-A;;2024;3\n",
    )
    assert not any("mehrfach" in e for row in preview.rows for e in row.errors)
    assert preview.rows[2].action == "new"


@pytest.mark.parametrize(("language", "word"), [("de", "Vorlage"), ("en", "Template")])
def test_the_import_page_translates_vorlage_as_a_template_not_an_item(client, cast, language, word):
    client_for(client, cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("monitoring:import")).content.decode()
    with translation.override(language):
        kind = str(ImportBatch.Kind.INDICATOR_VALUES.label)
    url = reverse("monitoring:import_template", args=["indicator-values", "csv"])
    assert f'href="{url}">{word} {kind} (CSV)</a>' in page
    links = page[page.index(reverse("monitoring:import_template", args=["activities", "xlsx"])) :]
    assert "Item " not in links[:2000]
