"""Seed idempotency and query budgets of the list pages (same budget at 1× and 10× rows)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import Decision, DevelopmentGoal, ForumEvent, Meeting, ReviewRound
from tests.conftest import client_for
from tests.factories import MembershipFactory, NeedFactory, RoadmapFactory
from tests.governance.factories import (
    DevelopmentGoalFactory,
    ForumEventFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RecommendationFactory,
    RegistrationFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


def _seed():
    from ris_portal.seed import seed_all

    return seed_all()


def test_the_seed_is_idempotent_and_has_meetings_minutes_a_round_and_an_event():
    _seed()
    counts = (
        Meeting.objects.count(),
        Decision.objects.count(),
        ReviewRound.objects.count(),
        ForumEvent.objects.count(),
        DevelopmentGoal.objects.count(),
    )
    _seed()
    assert counts == (
        Meeting.objects.count(),
        Decision.objects.count(),
        ReviewRound.objects.count(),
        ForumEvent.objects.count(),
        DevelopmentGoal.objects.count(),
    )
    past = Meeting.objects.get(title="3. Sitzung des Strategiebeirats IPS")
    assert past.minutes.is_approved and past.decisions.exists()
    upcoming = Meeting.objects.get(title="4. Sitzung des Strategiebeirats IPS")
    assert upcoming.is_upcoming and upcoming.agenda_items.count() == 4
    round_ = ReviewRound.objects.get(body__field__code="IPS")
    assert round_.is_open and round_.items.count() == 5
    assert round_.body.field.code == "IPS"
    assert ForumEvent.objects.get().starts_at > timezone.now()
    # The golden thread of the demo (thread.seed): a closed round set the need's priority, the
    # board recommended, the Lenkungskreis followed in its meeting, the roadmap is published.
    closed = ReviewRound.objects.get(body__field__code="NERV")
    assert not closed.is_open
    decision = Decision.objects.get(roadmap__title="Demo-Roadmap Grüner Wasserstoff regional")
    assert decision.is_public and decision.follows_recommendation
    assert decision.decided_at == decision.meeting.starts_at
    assert decision.roadmap.status == "veroeffentlicht"
    assert decision.roadmap.action_fields.get().measures.get().indicators.exists()


def _fill(cast, n):
    for i in range(n):
        meeting = MeetingFactory(body=cast.board_a, title=f"Sitzung {i}", days=-7)
        services.decision_record(
            body=cast.board_a,
            meeting=meeting,
            title=f"Beschluss {i}",
            outcome="angenommen",
            decided_by=cast.staff,
        )
        ReviewRoundFactory(
            body=cast.board_a, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_a)]
        )
        ForumEventFactory()
        RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
        )
        DevelopmentGoalFactory(field=cast.field_a, title=f"Ziel {i}", status="eingereicht")


# url name, role, budget. Every page: session + user (2), roles (groups + memberships, 2),
# navigation/context (≤2), the page's own queries below; the rest is headroom, not per-row.
LIST_PAGES = [
    ("governance:body_list", "anonymous", 4),  # count + bodies
    ("governance:decision_list", "anonymous", 5),  # count + decisions + bodies filter
    ("governance:event_list", "anonymous", 4),  # count + events with confirmed count
    ("governance:review_list", "board", 10),  # auth + roles + count + rounds
    ("governance:review_list", "staff", 11),  # … + boards for "new round"
    ("governance:meeting_list", "staff", 10),  # auth + roles + count + meetings + bodies
    ("governance:approval_list", "steering", 10),  # auth + roles + roadmaps + goals
    ("governance:goal_list", "staff", 10),  # auth + roles + count + goals + fields
    ("governance:goal_list", "board", 9),  # auth + roles + count + goals + fields (7 measured)
    ("governance:event_manage_list", "staff", 9),  # auth + roles + count + events
    ("governance:my_bodies", "board", 11),  # auth + roles + memberships + meetings + docs + rounds
]


@pytest.mark.parametrize(("name", "role", "budget"), LIST_PAGES, ids=lambda v: str(v))
def test_list_pages_hold_the_same_query_budget_at_1x_and_10x(
    client, cast, django_assert_max_num_queries, name, role, budget
):
    client_for(client, cast.for_role(role))
    _fill(cast, 1)
    with django_assert_max_num_queries(budget):
        assert client.get(reverse(name)).status_code == 200
    _fill(cast, 9)
    with django_assert_max_num_queries(budget):
        assert client.get(reverse(name)).status_code == 200


def test_participants_page_holds_its_budget(client, cast, django_assert_max_num_queries):
    event = ForumEventFactory(capacity=100)
    client_for(client, cast.staff)
    url = reverse("governance:event_participants", kwargs={"pk": event.pk})
    for n in range(10):
        RegistrationFactory(event=event, name=f"P{n}", email=f"p{n}@example.org")
        if n in (0, 9):
            with django_assert_max_num_queries(9):  # auth + roles + event + count + rows
                assert client.get(url).status_code == 200


# --- pages that show one object with its rows: the same budget at 1× and 10× rows ----------


def _grow_body(cast, state, n):
    for _i in range(n):
        membership = MembershipFactory(body=cast.board_a, public_consent=True)
        meeting = MeetingFactory(body=cast.board_a, days=-2)
        services.decision_record(
            body=cast.board_a, meeting=meeting, title="Beschluss", outcome="angenommen",
            decided_by=cast.staff,
        )  # fmt: skip
        state.setdefault("users", []).append(membership.user)


def _grow_meeting(cast, state, n):
    # A past meeting: attendance and decisions exist only from the meeting's date on.
    meeting = state.setdefault("meeting", MeetingFactory(body=cast.board_a, days=-1))
    for _i in range(n):
        member = MembershipFactory(body=cast.board_a).user
        services.agenda_item_create(
            meeting=meeting, title="TOP", need=NeedFactory(theme__field=cast.field_a)
        )
        MeetingDocumentFactory(meeting=meeting, uploaded_by=cast.staff)
        services.attendance_record(meeting=meeting, statuses={member.pk: "anwesend"})
        services.decision_record(
            body=cast.board_a, meeting=meeting, title="Beschluss", outcome="angenommen",
            decided_by=cast.staff,
        )  # fmt: skip


def _grow_round(cast, state, n):
    if "round" not in state:
        needs = [NeedFactory(theme__field=cast.field_a) for _i in range(3)]
        state["round"] = ReviewRoundFactory(body=cast.board_a, created_by=cast.staff, needs=needs)
    round_ = state["round"]
    for _i in range(n):
        member = MembershipFactory(body=cast.board_a).user
        answers = {item.pk: {"score": 4, "comment": "ok"} for item in round_.items.all()}
        services.review_answers_save(round_=round_, user=member, answers=answers)


def _grow_goal(cast, state, n):
    # Recommendations of board A (given in a meeting) and decisions of the Lenkungskreis, half
    # of them not public (a return): the page links those the role may open.
    if "goal" not in state:
        state["goal"] = DevelopmentGoalFactory(field=cast.field_a, status="eingereicht")
    goal = state["goal"]
    for i in range(n):
        RecommendationFactory(
            body=cast.board_a,
            roadmap=None,
            goal=goal,
            meeting=MeetingFactory(body=cast.board_a, days=-30),
        )
        services.decision_record(
            body=cast.lenkungskreis, title="Entwicklungsziel", goal=goal, is_public=i % 2 == 0,
            outcome="angenommen" if i % 2 == 0 else "zurueckgegeben", decided_by=cast.staff,
        )  # fmt: skip


DETAIL_PAGES = [
    # url name, role, how to grow the page, its kwargs, budget (measured + ≤2 headroom)
    ("governance:body_public", "anonymous", _grow_body, lambda c, s: {"slug": "beirat-a"}, 4),
    ("governance:body_manage", "staff", _grow_body, lambda c, s: {"slug": "beirat-a"}, 10),
    # meeting (staff, 13 measured): auth 2, roles 2, meeting, documents 2, agenda, attendance,
    # replies, decisions, voting members (quorum), navigation count.
    ("governance:meeting_detail", "staff", _grow_meeting, lambda c, s: {"pk": s["meeting"].pk}, 14),
    ("governance:meeting_detail", "board", _grow_meeting, lambda c, s: {"pk": s["meeting"].pk}, 12),
    ("governance:review_detail", "staff", _grow_round, lambda c, s: {"pk": s["round"].pk}, 9),
    ("governance:review_detail", "board", _grow_round, lambda c, s: {"pk": s["round"].pk}, 10),
    # goal (9 measured): auth 2, roles 2, goal, decisions 2 (the rows, which of them the role
    # may open), follow, recommendations.
    ("governance:goal_detail", "board", _grow_goal, lambda c, s: {"pk": s["goal"].pk}, 11),
    ("governance:goal_detail", "staff", _grow_goal, lambda c, s: {"pk": s["goal"].pk}, 11),
]


@pytest.mark.parametrize(
    ("name", "role", "grow", "kwargs", "budget"),
    DETAIL_PAGES,
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_detail_pages_with_rows_hold_the_same_query_budget_at_1x_and_10x(
    client, cast, django_assert_max_num_queries, name, role, grow, kwargs, budget
):
    client_for(client, cast.for_role(role))
    state = {}
    grow(cast, state, 1)
    url = reverse(name, kwargs=kwargs(cast, state))
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    grow(cast, state, 9)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_a_filter_value_that_is_not_plain_digits_filters_nothing(client, cast):
    """`?gremium=-1`, ` 6` or `²` is a hand-edited URL: the list shows everything, as before."""
    MeetingFactory(body=cast.board_a)
    MeetingFactory(body=cast.board_b)
    client_for(client, cast.staff)
    url = reverse("governance:meeting_list")
    everything = client.get(url).context["meetings"]
    assert len(everything) == 2
    for value in ("-1", f" {cast.board_a.pk}", "²", "abc"):
        assert list(client.get(url, {"gremium": value}).context["meetings"]) == list(everything)
    only_a = client.get(url, {"gremium": str(cast.board_a.pk)}).context["meetings"]
    assert [meeting.body_id for meeting in only_a] == [cast.board_a.pk]
