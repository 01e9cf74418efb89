"""After an htmx action the messages region shows that action's messages (issue 15: a stale flash
message of the previous page stayed on screen after adding a measure)."""

import re

from django.urls import reverse

from tests.conftest import client_for
from tests.html_forms import form_values

HTMX = {"HTTP_HX_REQUEST": "true"}
OOB = re.compile(r'<div id="ris-messages" data-hx-swap-oob="true">(.*?)</div>\s*$', re.S)


def test_adding_a_measure_with_htmx_clears_the_previous_pages_message(client, cast, content):
    roadmap, action_field = content["roadmap"], content["action_fields"][0]
    client_for(client, cast.staff)
    # A full-page save leaves "Ihre Änderungen wurden gespeichert." on the roadmap page …
    update = reverse("fields:roadmap_update", kwargs={"pk": roadmap.pk})
    loaded = form_values(client.get(update).content.decode())
    assert client.post(update, loaded | {"title": "Roadmap Photonik 2"}).status_code == 302
    page = client.get(roadmap.get_absolute_url()).content.decode()
    # … in the region that the htmx response swaps out of band (the page must have it).
    region = page[page.index('<div id="ris-messages">') :]
    assert region.index("Ihre Änderungen wurden gespeichert.") < region.index("</main>")
    # … and the next htmx action replaces the messages region (here: with nothing).
    prefix = f"new-measure-{action_field.pk}"
    data = form_values(page, containing=f"{prefix}-title") | {f"{prefix}-title": "Neue Maßnahme"}
    response = client.post(
        reverse("fields:measure_create", kwargs={"pk": action_field.pk}), data, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Neue Maßnahme" in html
    region = OOB.search(html)
    assert region, html[-500:]
    assert "kern-alert" not in region.group(1)


def test_an_htmx_action_that_is_refused_shows_its_message_in_the_region(client, cast, content):
    first = content["action_fields"][0]
    client_for(client, cast.staff)
    response = client.post(
        reverse("fields:action_field_move", kwargs={"pk": first.pk}),
        {"direction": "seitwaerts"},  # refused by the service: an unknown direction
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the structure, not the whole page in its place
    region = OOB.search(html)
    assert region and 'role="alert"' in region.group(1)


def test_a_polling_get_does_not_take_the_pages_message_away(client, cast, content):
    client_for(client, cast.staff)
    response = client.get(content["roadmap"].get_absolute_url(), **HTMX)
    assert "data-hx-swap-oob" not in response.content.decode()
