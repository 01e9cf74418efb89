"""Staff correct and end memberships of a body.

Before, a board member who left kept their access to the field's drafts for good: the body's
management page could add members but not end a membership. Ending one takes away the role
from the day after its last day; the row stays for the history and the reports.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance.models import Membership
from personal import notifications
from ris_portal.concurrency import save_versioned
from tests.conftest import client_for
from tests.factories import MembershipFactory, RoadmapFactory, UserFactory

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _membership(cast) -> Membership:
    return Membership.objects.get(body=cast.board_a, user=cast.board)


def _end_url(membership) -> str:
    return reverse("governance:membership_end", args=[membership.pk])


def _manage_url(cast) -> str:
    return reverse("governance:body_manage", args=[cast.board_a.slug])


def test_staff_end_a_membership_and_the_former_member_loses_access(client, cast):
    draft = RoadmapFactory(network__theme__field=cast.field_a, status=Roadmap.Status.DRAFT)
    draft_url = reverse("fields:roadmap_detail", args=[draft.pk])
    member_client = client.__class__()
    client_for(member_client, cast.board)
    assert member_client.get(draft_url).status_code == 200  # still a member

    membership = _membership(cast)
    client_for(client, cast.staff)
    manage = client.get(_manage_url(cast)).content.decode()
    assert f'href="{_end_url(membership)}"' in manage
    page = client.get(_end_url(membership)).content.decode()
    assert "Mitgliedschaft beenden" in page and "Bernd Beirat – Strategiebeirat A" in page
    assert "keine internen Inhalte des Gremiums mehr" in page
    assert f'value="{TODAY.isoformat()}"' in page  # today is the default last day

    response = client.post(
        _end_url(membership), {"version": membership.version, "end": YESTERDAY.isoformat()}
    )
    assert response.status_code == 302 and response["Location"] == _manage_url(cast)
    membership.refresh_from_db()
    assert membership.end == YESTERDAY
    assert membership.history.first().history_change_reason == "Mitgliedschaft beendet"
    manage = client.get(_manage_url(cast)).content.decode()
    assert f"Die Mitgliedschaft endet mit dem {YESTERDAY:%d.%m.%Y}." in manage
    assert f"beendet am {YESTERDAY:%d.%m.%Y}" in manage
    assert f'href="{_end_url(membership)}"' not in manage  # nothing left to end

    # The former member: no role, no draft, no more messages of the board.
    member_client = client.__class__()
    client_for(member_client, Membership.objects.get(pk=membership.pk).user)
    assert member_client.get(draft_url).status_code == 403  # no role left: no workspace
    assert cast.board.pk not in notifications.body_member_ids(cast.board_a.pk)
    assert member_client.get(reverse("governance:my_bodies")).status_code == 200
    assert (
        "Strategiebeirat A"
        not in member_client.get(reverse("governance:my_bodies")).content.decode()
    )


def test_a_second_click_changes_nothing_and_says_why(client, cast):
    membership = _membership(cast)
    client_for(client, cast.staff)
    data = {"version": membership.version, "end": YESTERDAY.isoformat()}
    assert client.post(_end_url(membership), data).status_code == 302
    again = client.post(_end_url(membership), {**data, "end": TODAY.isoformat()})
    assert again.status_code == 200
    assert f"bereits mit dem {YESTERDAY:%d.%m.%Y} beendet" in again.content.decode()
    membership.refresh_from_db()
    assert membership.end == YESTERDAY


def test_a_planned_end_keeps_the_member_until_that_day(client, cast):
    membership = _membership(cast)
    later = TODAY + datetime.timedelta(days=30)
    client_for(client, cast.staff)
    client.post(_end_url(membership), {"version": membership.version, "end": later.isoformat()})
    assert cast.board.pk in notifications.body_member_ids(cast.board_a.pk)
    manage = client.get(_manage_url(cast)).content.decode()
    assert f"aktiv bis {later:%d.%m.%Y}" in manage
    assert f'href="{_end_url(membership)}"' in manage  # can still be moved forward
    membership.refresh_from_db()
    response = client.post(
        _end_url(membership), {"version": membership.version, "end": YESTERDAY.isoformat()}
    )
    assert response.status_code == 302
    assert cast.board.pk not in notifications.body_member_ids(cast.board_a.pk)


def test_the_last_day_cannot_lie_before_the_start(client, cast):
    membership = _membership(cast)  # started 01.01.2025
    client_for(client, cast.staff)
    response = client.post(
        _end_url(membership), {"version": membership.version, "end": "2024-12-31"}
    )
    assert response.status_code == 200
    assert "nicht vor dem Beginn (01.01.2025) liegen" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end is None


def test_a_colleague_ending_it_meanwhile_is_shown_not_overwritten(client, cast):
    membership = _membership(cast)
    seen = membership.version
    membership.term = "2025–2028"
    save_versioned(membership, expected_version=seen)  # a colleague corrected the term meanwhile
    client_for(client, cast.staff)
    response = client.post(_end_url(membership), {"version": seen, "end": YESTERDAY.isoformat()})
    assert response.status_code == 200
    assert "zwischenzeitlich" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end is None and membership.term == "2025–2028"


def test_staff_withdraw_the_consent_to_be_named_in_public(client, cast):
    named = UserFactory(username="oeffentlich@example.org", first_name="Olga", last_name="Offen")
    membership = MembershipFactory(body=cast.board_a, user=named, public_consent=True)
    public_url = reverse("governance:body_public", args=[cast.board_a.slug])
    assert "Olga Offen" in client.get(public_url).content.decode()
    client_for(client, cast.staff)
    url = reverse("governance:membership_update", args=[membership.pk])
    page = client.get(url).content.decode()
    assert "Mitgliedschaft bearbeiten" in page and "Olga Offen – Strategiebeirat A" in page
    response = client.post(
        url,
        {
            "version": membership.version,
            "sector": membership.sector,
            "role": Membership.Role.DEPUTY,
            "term": "2025–2028",
            "start": "2025-01-01",
            "public_consent": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == _manage_url(cast)
    membership.refresh_from_db()
    assert not membership.public_consent and membership.role == Membership.Role.DEPUTY
    client.logout()
    assert "Olga Offen" not in client.get(public_url).content.decode()


def test_the_start_of_an_ended_membership_cannot_move_past_its_end(client, cast):
    membership = MembershipFactory(body=cast.board_a, end=YESTERDAY)
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:membership_update", args=[membership.pk]),
        {
            "version": membership.version,
            "sector": membership.sector,
            "role": membership.role,
            "start": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "nicht nach dem letzten Tag" in response.content.decode()


def test_the_member_list_shows_current_members_before_former_ones(client, cast):
    former = UserFactory(username="a-ehemals@example.org", first_name="Anna", last_name="Alt")
    MembershipFactory(body=cast.board_a, user=former, end=YESTERDAY)
    client_for(client, cast.staff)
    page = client.get(_manage_url(cast)).content.decode()
    assert page.index("Bernd Beirat") < page.index("Anna Alt")
