"""Conflicts merge: a refused save shows the current values plus the user's own changes.

The repro of the fault: users A and B open the same form; A saves field X; B changes field Y and
saves. B's save is refused; the form B then sees must hold A's X and B's Y, so that B's second
click keeps both. When both changed the same field, it is marked with both values and keeps the
stored value until B enters theirs again: nothing is overwritten unseen. The stale form (the old
version) is refused however often it is sent.
"""

import pytest
from django.test import Client
from django.urls import reverse

from ris_portal.roles import GROUP_STAFF
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.html_forms import form_values


@pytest.fixture
def two_editors(cast):
    colleague = UserFactory(username="kollegin@example.org", groups=[GROUP_STAFF])
    return client_for(Client(), cast.staff), client_for(Client(), colleague)


def _open(client, url, **headers) -> dict:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return form_values(response.content.decode())


def _stale_save(two_editors, url, by_a, by_b):
    """A and B open the form at `url`; A saves `by_a`; B, still on the old version, sends
    `by_b`. Returns B's client, B's stale form values and B's (refused) response."""
    a, b = two_editors
    loaded_a, loaded_b = _open(a, url), _open(b, url)
    assert a.post(url, loaded_a | by_a).status_code == 302
    return b, loaded_b, b.post(url, loaded_b | by_b)


def test_measure_keeps_both_changes_after_a_refused_save(two_editors, content):
    a, b = two_editors
    measure = content["measures"][0]
    url = reverse("fields:measure_update", kwargs={"pk": measure.pk})
    loaded_a, loaded_b = _open(a, url), _open(b, url)
    assert loaded_b["responsible_actors"] == str(content["actor"].pk)

    # A renames the measure and removes the responsible actor (a many-to-many field).
    changed = loaded_a | {"title": "Weiterbildung 2.0"}
    del changed["responsible_actors"]
    assert a.post(url, changed).status_code == 302

    # B, still on the old version, changes the status: refused, and merged.
    refused = b.post(url, loaded_b | {"status": "laufend"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Jemand anderes hat diesen Eintrag inzwischen geändert" in html
    merged = form_values(html)
    assert merged["title"] == "Weiterbildung 2.0"  # A's change, current
    assert "responsible_actors" not in merged  # A's removal, current
    assert merged["status"] == "laufend"  # B's own change, re-applied
    assert merged["version"] == "2"
    assert 'data-testid="conflict-reapplied"' in html
    assert 'data-testid="conflict-collisions"' not in html  # only A changed the title

    # The stale form stays refused, also on a second click.
    assert b.post(url, loaded_b | {"status": "laufend"}).status_code == 200
    measure.refresh_from_db()
    assert (measure.status, measure.version) == ("geplant", 2)

    # B saves the merged form: both changes are kept.
    assert b.post(url, merged).status_code == 302
    measure.refresh_from_db()
    assert (measure.title, measure.status, measure.version) == ("Weiterbildung 2.0", "laufend", 3)
    assert list(measure.responsible_actors.all()) == []
    assert list(measure.needs.all()) == [content["need"]]


def test_measure_marks_a_field_both_changed_and_never_overwrites_it_unseen(two_editors, content):
    measure = content["measures"][0]
    url = reverse("fields:measure_update", kwargs={"pk": measure.pk})
    b, _stale, refused = _stale_save(
        two_editors,
        url,
        {"description": "Text von A"},
        {"description": "Text von B", "title": "Titel von B"},
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    merged = form_values(html)
    assert merged["description"] == "Text von A"  # the stored value, not B's stale one
    assert merged["title"] == "Titel von B"  # B's change without collision
    assert 'data-testid="conflict-collisions"' in html
    # The field carries an error naming both values.
    assert "Gespeichert ist jetzt: „Text von A“" in html
    assert "Ihre Eingabe war: „Text von B“" in html
    assert 'aria-invalid="true"' in html

    assert b.post(url, merged).status_code == 302
    measure.refresh_from_db()
    assert (measure.description, measure.title) == ("Text von A", "Titel von B")


def test_the_in_place_measure_form_merges_too(two_editors, content):
    a, b = two_editors
    measure = content["measures"][1]
    url = reverse("fields:measure_update", kwargs={"pk": measure.pk})
    htmx = {"HTTP_HX_REQUEST": "true"}
    loaded_a, loaded_b = _open(a, url, **htmx), _open(b, url, **htmx)
    assert a.post(url, loaded_a | {"title": "Studiengang Photonik"}, **htmx).status_code == 200

    refused = b.post(url, loaded_b | {"status": "laufend"}, **htmx)
    assert refused["HX-Retarget"] == f"#measure-{measure.pk}"
    merged = form_values(refused.content.decode())
    assert (merged["title"], merged["status"]) == ("Studiengang Photonik", "laufend")
    b.post(url, merged, **htmx)
    measure.refresh_from_db()
    assert (measure.title, measure.status) == ("Studiengang Photonik", "laufend")


def test_roadmap_keeps_both_changes_after_a_refused_save(two_editors, content):
    roadmap = content["roadmap"]
    url = reverse("fields:roadmap_update", kwargs={"pk": roadmap.pk})
    b, loaded_b, refused = _stale_save(
        two_editors, url, {"title": "Roadmap Photonik 2030"}, {"summary": "Zusammenfassung von B"}
    )
    assert refused.status_code == 200
    merged = form_values(refused.content.decode())
    assert (merged["title"], merged["summary"]) == (
        "Roadmap Photonik 2030",
        "Zusammenfassung von B",
    )
    assert b.post(url, loaded_b | {"summary": "Zusammenfassung von B"}).status_code == 200
    assert b.post(url, merged).status_code == 302
    roadmap.refresh_from_db()
    assert (roadmap.title, roadmap.summary) == ("Roadmap Photonik 2030", "Zusammenfassung von B")


def test_roadmap_collision_is_marked(two_editors, content):
    roadmap = content["roadmap"]
    url = reverse("fields:roadmap_update", kwargs={"pk": roadmap.pk})
    _b, _stale, refused = _stale_save(two_editors, url, {"title": "Titel A"}, {"title": "Titel B"})
    merged = form_values(refused.content.decode())
    assert merged["title"] == "Titel A"
    assert "Ihre Eingabe war: „Titel B“" in refused.content.decode()
    roadmap.refresh_from_db()
    assert roadmap.title == "Titel A"


def test_a_row_changed_without_history_marks_every_difference(two_editors, content):
    """`update()` writes no history: without the loaded version nothing counts as unchanged."""
    _a, b = two_editors
    need = content["need"]
    url = reverse("fields:need_update", kwargs={"pk": need.pk})
    loaded = _open(b, url)
    type(need).objects.filter(pk=need.pk).update(version=7, title="Per Skript geändert")
    need.history.all().delete()
    refused = b.post(url, loaded | {"title": "Von Hand"})
    assert refused.status_code == 200
    merged = form_values(refused.content.decode())
    assert merged["title"] == "Per Skript geändert"
    assert merged["version"] == "7"
    assert "Ihre Eingabe war: „Von Hand“" in refused.content.decode()


def test_a_stale_archive_confirmation_shows_the_changes_and_asks_again(two_editors, content):
    a, b = two_editors
    network = content["network"]
    edit_url = reverse("fields:network_update", kwargs={"pk": network.pk})
    archive_url = reverse("fields:network_archive", kwargs={"pk": network.pk})
    confirm = _open(b, archive_url)
    assert a.post(edit_url, _open(a, edit_url) | {"name": "Netz Optik"}).status_code == 302

    refused = b.post(archive_url, confirm)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert 'data-testid="conflict"' in html and "Netz Optik" in html
    network.refresh_from_db()
    assert not network.is_archived
    assert b.post(archive_url, form_values(html)).status_code == 302
    network.refresh_from_db()
    assert network.is_archived
