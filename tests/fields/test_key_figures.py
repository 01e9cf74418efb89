"""Staff edit a field's key figures in the UI (issue 15), with history and the version check."""

import pytest
from django.test import Client
from django.urls import reverse

from fields.models import SpecializationField
from ris_portal.roles import GROUP_STAFF
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.html_forms import form_values

FIGURES = "Unternehmen | 2.800 | 2020 | TLS\nUmsatz (EUR) | 6.200.000.000 | 2020\nQuote | 2,5"


def _url(field):
    return reverse("fields:field_update", kwargs={"pk": field.pk})


def test_staff_edit_key_figures_and_the_public_page_and_history_show_them(client, cast):
    field = cast.field_a
    client_for(client, cast.staff)
    loaded = form_values(client.get(_url(field)).content.decode())
    response = client.post(_url(field), loaded | {"key_figures": FIGURES})
    assert response.status_code == 302, response.content.decode()[:3000]
    field.refresh_from_db()
    assert field.key_figures == [
        {"label": "Unternehmen", "value": 2800, "period_label": "2020", "source": "TLS"},
        {"label": "Umsatz (EUR)", "value": 6200000000, "period_label": "2020", "source": ""},
        {"label": "Quote", "value": 2.5, "period_label": "", "source": ""},
    ]
    assert field.version == int(loaded["version"]) + 1
    record = field.history.first()
    assert record.history_user == cast.staff
    public = client.get(field.get_absolute_url()).content.decode()
    assert "6.200.000.000" in public and "2,5" in public
    history = client.get(reverse("fields:field_history", kwargs={"pk": field.pk}))
    assert "Unternehmen | 2.800 | 2020 | TLS" in history.content.decode()
    # The form shows them again as they were typed.
    assert form_values(client.get(_url(field)).content.decode())["key_figures"] == FIGURES


def test_a_stale_form_does_not_overwrite_key_figures_saved_meanwhile(cast):
    field = cast.field_a
    colleague = UserFactory(username="kollegin@example.org", groups=[GROUP_STAFF])
    a, b = client_for(Client(), cast.staff), client_for(Client(), colleague)
    loaded_a = form_values(a.get(_url(field)).content.decode())
    loaded_b = form_values(b.get(_url(field)).content.decode())
    assert a.post(_url(field), loaded_a | {"key_figures": "Betriebe | 100"}).status_code == 302
    refused = b.post(_url(field), loaded_b | {"key_figures": "Betriebe | 200"})
    assert refused.status_code == 200
    assert "inzwischen geändert" in refused.content.decode()
    field.refresh_from_db()
    assert field.key_figures[0]["value"] == 100


@pytest.mark.parametrize("typed", ["Nur eine Spalte", "Betriebe | viele", "a | 1 | 2 | 3 | 4"])
def test_malformed_key_figure_lines_are_refused(client, cast, typed):
    field = cast.field_a
    client_for(client, cast.staff)
    loaded = form_values(client.get(_url(field)).content.decode())
    response = client.post(_url(field), loaded | {"key_figures": typed})
    assert response.status_code == 200
    assert "Zeile 1" in response.content.decode()
    assert SpecializationField.objects.get(pk=field.pk).key_figures == []


def test_board_members_cannot_edit_key_figures(client, cast):
    client_for(client, cast.board)
    response = client.post(_url(cast.field_a), {"key_figures": "Betriebe | 1", "version": 1})
    assert response.status_code in (403, 404)
    assert SpecializationField.objects.get(pk=cast.field_a.pk).key_figures == []
