"""Staff edit forms save through the services, keep history and refuse stale versions."""

import pytest
from django.urls import reverse

from governance.models import AgendaItem, ForumEvent
from tests.conftest import client_for
from tests.factories import NeedFactory
from tests.governance.factories import DevelopmentGoalFactory, ForumEventFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_staff_create_and_edit_a_forum_event(client, cast):
    client_for(client, cast.staff)
    data = {
        "slug": "werkstatt",
        "title": "Werkstatt Wasserstoff",
        "starts_at": "2030-05-01T10:00",
        "ends_at": "2030-05-01T15:00",
        "location": "Jena",
        "capacity": 30,
        "registration_open": "on",
        "retention_days": 90,
    }
    response = client.post(reverse("governance:event_create"), data)
    event = ForumEvent.objects.get()
    assert response["Location"] == event.get_absolute_url()
    url = reverse("governance:event_update", kwargs={"pk": event.pk})
    assert client.post(url, {**data, "capacity": 40, "version": 1}).status_code == 302
    stale = client.post(url, {**data, "capacity": 50, "version": 1})
    assert stale.status_code == 200
    event.refresh_from_db()
    assert event.capacity == 40 and event.history.count() == 2


def test_staff_edit_a_meeting_and_add_an_agenda_item_about_a_need(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    need = NeedFactory(theme__field=cast.field_a, title="Fachkräfte")
    foreign = NeedFactory(theme__field=cast.field_b, title="Fremder Bedarf")
    client_for(client, cast.staff)
    url = reverse("governance:agenda_item_create", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "Fachkräfte" in page and "Fremder Bedarf" not in page
    client.post(url, {"title": "Bedarf beraten", "need": need.pk})
    item = AgendaItem.objects.get()
    assert (item.order, item.need) == (1, need)
    assert client.post(url, {"title": "Fremd", "need": foreign.pk}).status_code == 200
    update = reverse("governance:meeting_update", kwargs={"pk": meeting.pk})
    response = client.post(
        update,
        {
            "title": "Neuer Titel",
            "starts_at": "2030-03-01T10:00",
            "ends_at": "2030-03-01T12:00",
            "location": "Weimar",
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Neuer Titel" and meeting.location == "Weimar"


def test_staff_edit_a_development_goal_with_history(client, cast):
    goal = DevelopmentGoalFactory(field=cast.field_a, title="Alt")
    client_for(client, cast.staff)
    url = reverse("governance:goal_update", kwargs={"pk": goal.pk})
    client.post(url, {"field": cast.field_a.pk, "title": "Neu", "version": goal.version})
    goal.refresh_from_db()
    assert goal.title == "Neu"
    history = client.get(reverse("governance:goal_history", kwargs={"pk": goal.pk}))
    assert "Neu" in history.content.decode()


def test_the_public_event_page_shows_free_places(client, cast):
    event = ForumEventFactory(capacity=3)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "3 von 3 frei" in page
