"""No lost updates and a readable history with restore, through the real views."""

from django.test import Client
from django.urls import reverse

from fields.models import Measure, Theme
from ris_portal.roles import GROUP_STAFF
from tests.conftest import client_for
from tests.factories import UserFactory


def _theme_data(theme, **changes):
    data = {
        "field": theme.field_id,
        "name": theme.name,
        "name_en": "",
        "slug": theme.slug,
        "status": theme.status,
        "description": theme.description,
        "source_note": "",
        "version": theme.version,
    }
    data.update(changes)
    return data


def test_the_second_of_two_concurrent_edits_is_refused_and_shows_what_changed(
    client, cast, content
):
    theme = content["theme"]
    url = reverse("fields:theme_update", kwargs={"pk": theme.pk})
    colleague = UserFactory(username="kollegin@example.org", groups=[GROUP_STAFF])
    first, second = client_for(client, cast.staff), client_for(Client(), colleague)
    # Both open the form at version 1.
    assert first.get(url).status_code == 200
    assert second.get(url).status_code == 200
    loaded = _theme_data(theme)

    response = second.post(url, loaded | {"description": "Text der Kollegin"})
    assert response.status_code == 302

    response = first.post(url, loaded | {"description": "Mein Text"})
    assert response.status_code == 200
    content_html = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag inzwischen geändert" in content_html
    assert 'data-testid="conflict"' in content_html
    assert "Text der Kollegin" in content_html  # what changed meanwhile
    assert "Mein Text" in content_html  # the user's input is kept in the form
    theme.refresh_from_db()
    assert theme.description == "Text der Kollegin"
    assert theme.version == 2

    # Saving again after reviewing the conflict (with the new version) succeeds.
    response = first.post(url, loaded | {"description": "Mein Text", "version": 2})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.description, theme.version) == ("Mein Text", 3)


def test_an_in_place_measure_edit_based_on_a_stale_version_is_refused(client, cast, content):
    measure = content["measures"][0]
    url = reverse("fields:measure_update", kwargs={"pk": measure.pk})
    Measure.objects.filter(pk=measure.pk).update(version=2, description="Zwischendurch")
    client_for(client, cast.staff)
    response = client.post(
        url,
        {"title": "Weiterbildung", "status": "geplant", "description": "Alt", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#measure-{measure.pk}"
    assert "inzwischen geändert" in response.content.decode()
    measure.refresh_from_db()
    assert measure.description == "Zwischendurch"


def test_history_records_who_when_and_what_changed(client, cast, content):
    theme = content["theme"]
    client_for(client, cast.staff)
    url = reverse("fields:theme_update", kwargs={"pk": theme.pk})
    response = client.post(url, _theme_data(theme, name="Photonik und Optik"))
    assert response.status_code == 302
    record = theme.history.order_by("-history_date", "-history_id").first()
    assert record.history_user == cast.staff
    assert record.history_type == "~"
    assert record.history_date is not None
    assert record.name == "Photonik und Optik"

    page = client.get(reverse("fields:theme_history", kwargs={"pk": theme.pk})).content.decode()
    assert cast.staff.get_full_name() in page
    assert '<ins class="ris-diff-ins">und Optik</ins>' in page


def test_restoring_an_earlier_version_brings_back_the_text_as_a_new_entry(client, cast, content):
    theme = content["theme"]
    client_for(client, cast.staff)
    client.post(
        reverse("fields:theme_update", kwargs={"pk": theme.pk}),
        _theme_data(theme, description="Neuer Text"),
    )
    theme.refresh_from_db()
    original = theme.history.order_by("history_date", "history_id").first()
    response = client.post(
        reverse("fields:theme_history", kwargs={"pk": theme.pk}),
        {"history_id": original.history_id, "version": theme.version},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.description == ""
    assert theme.history.count() == 3
    assert "Wiederhergestellt" in theme.history.first().history_change_reason


def test_archiving_asks_for_confirmation_and_keeps_the_row(client, cast, content):
    theme = content["theme"]
    client_for(client, cast.staff)
    url = reverse("fields:theme_archive", kwargs={"pk": theme.pk})
    page = client.get(url)
    assert "Eintrag archivieren?" in page.content.decode()
    assert not Theme.objects.get(pk=theme.pk).is_archived  # GET changes nothing
    response = client.post(url, {"version": theme.version})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.is_archived
    link = reverse("fields:theme_detail", kwargs={"pk": theme.pk})
    listing = client.get(reverse("fields:theme_list")).content.decode()
    assert link not in listing
    listing = client.get(reverse("fields:theme_list") + "?archived=on").content.decode()
    assert link in listing
