"""A meeting's quorum counts the voting members as their memberships stood at the meeting.

Staff edit memberships (role to or from guest, start, end). Before, the voting members of a
past meeting were read from today's rows: such an edit rewrote whether the meeting had had its
quorum, although the body's rule was already read as of the meeting's day.
"""

import datetime

import pytest
from django.utils import timezone

from governance import services
from governance.models import Meeting, Membership
from ris_portal.concurrency import save_versioned
from tests.factories import MembershipFactory
from tests.governance.factories import MeetingFactory


def _recorded_before(body, days: int) -> None:
    """Move the history of the body and its memberships `days` back, as if they had been
    recorded then (the factories write today's date)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    body.history.update(history_date=moment)
    Membership.history.filter(body_id=body.pk).update(history_date=moment)


def _change(membership: Membership, **values) -> None:
    """A staff edit: saved with a history record, as the membership pages do."""
    for name, value in values.items():
        setattr(membership, name, value)
    save_versioned(membership, expected_version=membership.version, change_reason="Test")


def _voting(meeting: Meeting) -> tuple[int, int]:
    quorum = services.meeting_quorum(Meeting.objects.get(pk=meeting.pk))
    return quorum["voting_members"], quorum["required"]


def test_a_later_membership_change_leaves_a_past_meeting_as_it_was(cast):
    body = cast.board_a
    body.quorum_percent = 100  # all voting members: the count is the required number
    body.save()
    for _n in range(3):
        MembershipFactory(body=body)  # four voting members with the cast's board member
    visitor = MembershipFactory(body=body, role=Membership.Role.GUEST)
    _recorded_before(body, 60)
    past = MeetingFactory(body=body, days=-7)
    upcoming = MeetingFactory(body=body, days=7)
    assert _voting(past) == _voting(upcoming) == (4, 4)
    voters = list(body.memberships.exclude(pk=visitor.pk).order_by("pk"))
    services.attendance_record(
        meeting=past, statuses={m.user_id: "anwesend" for m in [*voters, visitor]}
    )

    # Today staff make one member a guest, end another with a day before the past meeting,
    # and make the guest a member.
    _change(voters[0], role=Membership.Role.GUEST)
    _change(voters[1], end=timezone.localdate() - datetime.timedelta(days=10))
    _change(visitor, role=Membership.Role.MEMBER)

    assert _voting(upcoming) == (3, 3)  # from now on
    assert _voting(past) == (4, 4)  # as the memberships stood at the meeting
    quorum = services.meeting_quorum(Meeting.objects.get(pk=past.pk))
    assert (quorum["present"], quorum["is_quorate"]) == (4, True)


def test_a_membership_recorded_only_after_the_meeting_counts_as_it_is(cast):
    # Entered afterwards with an earlier start (no history that old): today's row is the best
    # there is, as for rows from before the history was kept.
    body = cast.board_a
    _recorded_before(body, 60)
    past = MeetingFactory(body=body, days=-7)
    assert _voting(past)[0] == 1
    MembershipFactory(body=body, start=timezone.localdate() - datetime.timedelta(days=30))
    MembershipFactory(body=body, role=Membership.Role.GUEST)
    assert _voting(past)[0] == 2


@pytest.mark.django_db
def test_the_demo_past_meetings_keep_their_quorum():
    """The seed backdates the memberships' history to their start: its past meetings count
    the same voting members as today's rows say (nothing was edited since)."""
    from ris_portal.seed import seed_all

    seed_all()
    past = Meeting.objects.filter(starts_at__lt=timezone.now()).select_related("body")
    assert past.exists()
    for meeting in past:
        day = timezone.localtime(meeting.starts_at).date()
        today_rows = (
            Membership.objects.active(on=day)
            .live()
            .filter(body_id=meeting.body_id)
            .exclude(role=Membership.Role.GUEST)
            .count()
        )
        assert services.meeting_quorum(meeting)["voting_members"] == today_rows > 0, meeting
