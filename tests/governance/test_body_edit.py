"""Staff edit a body: its description, current term and quorum rule ("Gremium bearbeiten").

Before, a new term or a changed rule of procedure needed a developer. A changed quorum rule
applies from the day of the change: a past meeting keeps the quorum of the rule in force then.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Body
from ris_portal.concurrency import save_versioned
from tests.conftest import client_for
from tests.factories import MembershipFactory
from tests.governance.factories import MeetingFactory


def _edit(client, body, **changes):
    data = {
        "version": body.version,
        "name": body.name,
        "description": body.description,
        "current_term": body.current_term,
        "quorum_percent": body.quorum_percent,
        "quorum_minimum": body.quorum_minimum,
        **changes,
    }
    return client.post(reverse("governance:body_update", args=[body.slug]), data)


def test_staff_set_the_new_term_and_description(client, cast):
    body = cast.board_a
    client_for(client, cast.staff)
    manage = reverse("governance:body_manage", args=[body.slug])
    assert f'href="{reverse("governance:body_update", args=[body.slug])}"' in (
        client.get(manage).content.decode()
    )
    response = _edit(
        client, body, current_term="2028–2031", description="Der Beirat berät das Feld A."
    )
    assert response.status_code == 302 and response["Location"] == manage
    body.refresh_from_db()
    assert body.current_term == "2028–2031"
    assert body.history.first().history_change_reason == "Gremium bearbeitet"
    page = client.get(manage).content.decode()
    assert "Die Angaben zum Gremium sind gespeichert." in page
    assert "Laufende Amtszeit: 2028–2031" in page
    # New members are proposed for the new term.
    invite = client.get(reverse("governance:member_invite", args=[body.slug])).content.decode()
    assert 'value="2028–2031"' in invite
    client.logout()
    public = client.get(reverse("governance:body_public", args=[body.slug])).content.decode()
    assert "Der Beirat berät das Feld A." in public


def test_a_new_quorum_rule_leaves_past_meetings_as_they_were(client, cast):
    body = cast.board_a
    for _n in range(3):
        MembershipFactory(body=body)  # four voting members with the cast's board member
    # The rule of 50 % was in force long before the meetings.
    body.history.update(history_date=timezone.now() - datetime.timedelta(days=60))
    past = MeetingFactory(body=body, days=-7)
    upcoming = MeetingFactory(body=body, days=7)
    assert services.meeting_quorum(past)["required"] == 2

    client_for(client, cast.staff)
    assert _edit(client, body, quorum_percent=100).status_code == 302
    past, upcoming = (type(past).objects.get(pk=m.pk) for m in (past, upcoming))
    assert services.meeting_quorum(upcoming)["required"] == 4
    assert services.meeting_quorum(past)["required"] == 2  # the rule of its day


def test_a_colleagues_change_is_shown_not_overwritten(client, cast):
    body = cast.board_a
    seen = body.version
    body.current_term = "2026–2029"
    save_versioned(body, expected_version=seen)
    body.version = seen  # the page the user loaded
    client_for(client, cast.staff)
    response = _edit(client, body, description="Meine Beschreibung")
    assert response.status_code == 200 and "zwischenzeitlich" in response.content.decode()
    body = Body.objects.get(pk=body.pk)
    assert body.current_term == "2026–2029" and body.description != "Meine Beschreibung"


def test_the_quorum_share_must_be_a_percentage(client, cast):
    client_for(client, cast.staff)
    response = _edit(client, cast.board_a, quorum_percent=150)
    assert response.status_code == 200
    cast.board_a.refresh_from_db()
    assert cast.board_a.quorum_percent == 50


def test_an_empty_minimum_number_is_no_minimum(client, cast):
    client_for(client, cast.staff)
    response = _edit(client, cast.board_a, quorum_minimum="")
    assert response.status_code == 302
    cast.board_a.refresh_from_db()
    assert cast.board_a.quorum_minimum == 0
