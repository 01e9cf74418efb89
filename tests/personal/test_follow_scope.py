"""A follower is told about an object only while they may still open it.

Following needs the object in scope, but access can end later: a board membership ends, a
roadmap goes back from the steering committee to its board. A comment or decision notification
would then carry the object's title (and a comment's text) to someone who may no longer read
it, with a link that answers 404.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from fields.services import roadmap_comment_create
from governance import services
from governance.models import DevelopmentGoal
from personal.follows import follow_set
from personal.models import Follow, Kind, Notification
from tests.conftest import client_for
from tests.factories import MembershipFactory, RoadmapFactory, UserFactory
from tests.governance.factories import DevelopmentGoalFactory

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _former_board_member(cast):
    """A member of the field's board whose membership ended yesterday."""
    user = UserFactory(username="ehemals@example.org")
    MembershipFactory(body=cast.board_a, user=user, end=YESTERDAY)
    return user


def _told(kind) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user", flat=True))


def test_a_former_board_member_hears_no_more_comments(client, cast):
    former = UserFactory(username="ehemals@example.org")
    membership = MembershipFactory(body=cast.board_a, user=former)
    roadmap = RoadmapFactory(network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW)
    client_for(client, former)  # while a member: follows through the page's button
    follow_url = reverse("fields:roadmap_follow", kwargs={"pk": roadmap.pk})
    assert client.post(follow_url).status_code == 302
    follow_set(user=cast.ministry, obj=roadmap)

    roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Erster Punkt")
    assert _told(Kind.COMMENT) == {former.pk, cast.ministry.pk}

    membership.end = YESTERDAY
    membership.save()
    roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Vertraulicher Punkt")
    assert not Notification.objects.filter(user=former, text__contains="Vertraulich").exists()
    assert Notification.objects.filter(user=cast.ministry, text="Vertraulicher Punkt").exists()
    # The follow stays: a new membership brings the notifications back.
    assert Follow.objects.filter(user=former, object_id=roadmap.pk).exists()
    MembershipFactory(body=cast.board_a, user=former, term="2027–2030", start=timezone.localdate())
    former = type(former).objects.get(pk=former.pk)  # roles are cached on the user object
    roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Dritter Punkt")
    assert Notification.objects.filter(user=former, text="Dritter Punkt").exists()


def test_the_steering_committee_hears_nothing_of_a_roadmap_back_with_the_board(cast):
    roadmap = RoadmapFactory(network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED)
    follow_set(user=cast.steering, obj=roadmap)
    # Returned and reworked by the board: a draft again, outside the committee's sight.
    Roadmap.objects.filter(pk=roadmap.pk).update(status=Roadmap.Status.DRAFT)
    roadmap.refresh_from_db()
    roadmap_comment_create(roadmap=roadmap, author=cast.board, text="Entwurfsnotiz")
    assert _told(Kind.COMMENT) == set()  # the author follows, but is never told of their own


def test_a_former_board_member_is_not_told_of_the_goal_decision(
    client, cast, django_capture_on_commit_callbacks
):
    former = _former_board_member(cast)
    goal = DevelopmentGoalFactory(
        field=cast.field_a, status=DevelopmentGoal.Status.SUBMITTED, submitted_at=timezone.now()
    )
    follow_set(user=former, obj=goal)  # followed while still a member
    follow_set(user=cast.ministry, obj=goal)
    with django_capture_on_commit_callbacks(execute=True):
        services.approval_decide(
            obj=goal, approve=True, decided_by=cast.steering, expected_version=goal.version
        )
    told = _told(Kind.DECISION)
    assert former.pk not in told
    assert told == {cast.board.pk, cast.ministry.pk, cast.staff.pk, cast.superuser.pk}
    # Every recipient's link opens (the promise of `notify`).
    for note in Notification.objects.filter(kind=Kind.DECISION).select_related("user"):
        client.logout()
        client_for(client, note.user)
        assert client.get(note.url).status_code == 200, note.user


def test_a_former_board_member_is_not_told_of_the_roadmap_decision(
    cast, django_capture_on_commit_callbacks
):
    former = _former_board_member(cast)
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    follow_set(user=former, obj=roadmap)
    with django_capture_on_commit_callbacks(execute=True):
        services.approval_decide(
            obj=roadmap, approve=True, decided_by=cast.steering, expected_version=roadmap.version
        )
    assert former.pk not in _told(Kind.DECISION)
    assert cast.board.pk in _told(Kind.DECISION)
