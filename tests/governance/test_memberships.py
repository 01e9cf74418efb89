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
from ris_portal.roles import roles_for
from tests.conftest import client_for
from tests.factories import ActorFactory, MembershipFactory, RoadmapFactory, UserFactory

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


def test_the_last_day_cannot_lie_before_the_day_before_the_start(client, cast):
    membership = _membership(cast)  # started 01.01.2025
    client_for(client, cast.staff)
    response = client.post(
        _end_url(membership), {"version": membership.version, "end": "2024-12-30"}
    )
    assert response.status_code == 200
    assert "nicht vor dem 31.12.2024 liegen" in response.content.decode()
    membership.refresh_from_db()
    assert membership.end is None


def test_a_membership_added_by_mistake_is_revoked_at_once(client, cast):
    """Added today: ending it yesterday (the day before its start) means it never took effect."""
    mistaken = UserFactory(username="falsch@example.org")
    client_for(client, cast.staff)
    client.post(
        reverse("governance:member_invite", args=[cast.board_a.slug]),
        {
            "email": mistaken.email,
            "first_name": "F",
            "last_name": "Falsch",
            "sector": Membership.Sector.BUSINESS,
            "role": Membership.Role.MEMBER,
            "term": "2099",
        },
    )
    membership = Membership.objects.get(user=mistaken)
    assert membership.start == TODAY
    assert mistaken.pk in notifications.body_member_ids(cast.board_a.pk)
    response = client.post(
        _end_url(membership), {"version": membership.version, "end": YESTERDAY.isoformat()}
    )
    assert response.status_code == 302
    assert mistaken.pk not in notifications.body_member_ids(cast.board_a.pk)
    assert roles_for(type(mistaken).objects.get(pk=mistaken.pk)).board_field_ids == frozenset()


def test_the_end_page_of_an_ended_membership_says_so(client, cast):
    membership = MembershipFactory(body=cast.board_a, end=YESTERDAY)
    client_for(client, cast.staff)
    response = client.get(_end_url(membership), follow=True)
    assert response.redirect_chain[-1][0] == _manage_url(cast)
    assert f"bereits mit dem {YESTERDAY:%d.%m.%Y} beendet" in response.content.decode()


def test_an_end_set_by_mistake_is_undone_on_the_edit_page(client, cast):
    membership = _membership(cast)
    client_for(client, cast.staff)
    client.post(_end_url(membership), {"version": membership.version, "end": YESTERDAY.isoformat()})
    membership.refresh_from_db()
    assert cast.board.pk not in notifications.body_member_ids(cast.board_a.pk)
    response = client.post(
        reverse("governance:membership_update", args=[membership.pk]),
        {**_edit_data(membership), "end": ""},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end is None
    assert cast.board.pk in notifications.body_member_ids(cast.board_a.pk)


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


def _edit_data(membership, **changes) -> dict:
    return {
        "version": membership.version,
        "organisation": membership.organisation_id or "",
        "sector": membership.sector,
        "role": membership.role,
        "term": membership.term,
        "start": membership.start.isoformat() if membership.start else "",
        "end": membership.end.isoformat() if membership.end else "",
        "public_consent": "on" if membership.public_consent else "",
        **changes,
    }


def test_the_start_of_an_ended_membership_cannot_move_past_its_end(client, cast):
    membership = MembershipFactory(body=cast.board_a, end=YESTERDAY)
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:membership_update", args=[membership.pk]),
        _edit_data(membership, start=(TODAY + datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert f"nicht vor dem {TODAY:%d.%m.%Y} liegen" in response.content.decode()


def test_a_term_the_person_already_has_in_the_body_is_refused(client, cast):
    earlier = _membership(cast)
    earlier.term = "2021–2024"
    earlier.end = datetime.date(2024, 12, 31)
    earlier.start = datetime.date(2021, 1, 1)
    earlier.save()
    current = MembershipFactory(body=cast.board_a, user=cast.board, term="2025–2028")
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:membership_update", args=[current.pk]),
        _edit_data(current, term="2021–2024"),
    )
    assert response.status_code == 200
    assert "Für diese Amtszeit ist die Person bereits Mitglied" in response.content.decode()
    current.refresh_from_db()
    assert current.term == "2025–2028"


def test_a_membership_whose_organisation_was_archived_can_still_be_corrected(client, cast):
    organisation = ActorFactory(name="Alte Firma")
    membership = MembershipFactory(
        body=cast.board_a, organisation=organisation, public_consent=True
    )
    organisation.is_archived = True
    organisation.save()
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:membership_update", args=[membership.pk]),
        _edit_data(membership, public_consent=""),
    )
    assert response.status_code == 302  # the consent is withdrawn; the organisation stays
    membership.refresh_from_db()
    assert not membership.public_consent and membership.organisation == organisation


def test_the_list_marks_archived_and_future_memberships(client, cast):
    archived = MembershipFactory(body=cast.board_a, is_archived=True)
    future = MembershipFactory(body=cast.board_a, start=TODAY + datetime.timedelta(days=10))
    client_for(client, cast.staff)
    page = client.get(_manage_url(cast)).content.decode()
    assert f"beginnt am {future.start:%d.%m.%Y}" in page
    assert ">archiviert<" in page
    assert reverse("governance:membership_update", args=[archived.pk]) not in page
    assert _end_url(archived) not in page


def test_an_archived_membership_grants_no_role(cast):
    membership = _membership(cast)
    membership.is_archived = True
    membership.save()
    user = type(cast.board).objects.get(pk=cast.board.pk)
    assert roles_for(user).board_field_ids == frozenset()
    assert not roles_for(user).is_board_member


def test_a_deactivated_account_is_not_added_as_member(client, cast):
    inactive = UserFactory(username="inaktiv@example.org", is_active=False)
    client_for(client, cast.staff)
    response = client.post(
        reverse("governance:member_invite", args=[cast.board_a.slug]),
        {
            "email": inactive.email,
            "first_name": "I",
            "last_name": "Inaktiv",
            "sector": Membership.Sector.BUSINESS,
            "role": Membership.Role.MEMBER,
        },
    )
    assert response.status_code == 200
    assert "Konto zu dieser E-Mail-Adresse ist deaktiviert" in response.content.decode()
    assert not Membership.objects.filter(user=inactive).exists()


def test_the_member_list_shows_current_members_before_former_ones(client, cast):
    former = UserFactory(username="a-ehemals@example.org", first_name="Anna", last_name="Alt")
    MembershipFactory(body=cast.board_a, user=former, end=YESTERDAY)
    client_for(client, cast.staff)
    page = client.get(_manage_url(cast)).content.decode()
    assert page.index("Bernd Beirat") < page.index("Anna Alt")
