"""The page of a development goal: who may open it in which state, what it shows to whom,
following it, and the goal list, search and decision pages that link to it."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import DevelopmentGoal, Recommendation
from personal.models import Follow, Kind, Notification
from ris_portal.roles import GROUP_STATISTICS
from tests.conftest import client_for
from tests.factories import MembershipFactory, RoadmapFactory, UserFactory
from tests.governance.factories import (
    DevelopmentGoalFactory,
    MeetingFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

STATES = {
    "draft": DevelopmentGoal.Status.DRAFT,
    "submitted": DevelopmentGoal.Status.SUBMITTED,
    "returned": DevelopmentGoal.Status.RETURNED,
    "approved": DevelopmentGoal.Status.APPROVED,
    "archived": DevelopmentGoal.Status.SUBMITTED,  # archived after submission
}
# role -> status per state (draft, submitted, returned, approved, archived), for a goal of
# field A (board_own is a member of field A's board, board_other of field B's only).
EXPECTED = {
    "anonymous": (302, 302, 302, 302, 302),
    "board_own": (200, 200, 200, 200, 404),
    "board_other": (404, 404, 404, 404, 404),
    "steering": (404, 200, 200, 200, 404),
    "ministry": (200, 200, 200, 200, 404),
    "statistics": (403, 403, 403, 403, 403),
    "staff": (200, 200, 200, 200, 404),
}


def _user(cast, role):
    if role == "board_own":
        return cast.board
    if role == "board_other":
        user = UserFactory(username="beirat-b@example.org")
        MembershipFactory(body=cast.board_b, user=user)
        return user
    if role == "statistics":
        return UserFactory(username="tls@example.org", groups=[GROUP_STATISTICS])
    return cast.for_role(role)


def _goal(cast, state, **values):
    values.setdefault("title", "Wasserstoffregion 2030")
    return DevelopmentGoalFactory(
        field=cast.field_a,
        status=STATES[state],
        submitted_at=None if state == "draft" else timezone.now(),
        decided_at=timezone.now() if state == "approved" else None,
        is_archived=state == "archived",
        **values,
    )


def _url(goal, name="governance:goal_detail"):
    return reverse(name, kwargs={"pk": goal.pk})


@pytest.mark.parametrize("role", EXPECTED)
def test_who_opens_the_goal_page_in_which_state(client, cast, role):
    client_for(client, _user(cast, role))
    login = reverse("account_login")
    for (state, expected), title in zip(
        zip(STATES, EXPECTED[role], strict=True), "ABCDE", strict=True
    ):
        goal = _goal(cast, state, title=f"Ziel {title}")
        response = client.get(_url(goal))
        assert response.status_code == expected, (role, state)
        if expected == 302:
            assert response["Location"].startswith(login)
        if expected == 200:
            assert goal.title in response.content.decode()


def test_the_page_shows_the_goal_with_status_version_and_description(client, cast):
    goal = _goal(
        cast,
        "returned",
        description="Ein **Netz** von Elektrolyseuren.",
        status_reason="Bitte Kennzahlen ergänzen.",
    )
    client_for(client, cast.board)
    page = client.get(_url(goal)).content.decode()
    assert "Wasserstoffregion 2030" in page and "Feld A" in page
    assert "zurückgegeben" in page  # the status label of the model, as in the goal list
    assert "Bitte Kennzahlen ergänzen." in page
    assert "<strong>Netz</strong>" in page
    assert f'data-testid="goal-version">{goal.version}<' in page


def _links(page: str, goal) -> set[str]:
    names = ("goal_update", "goal_submit", "goal_decide", "goal_history")
    return {name for name in names if f'href="{_url(goal, "governance:" + name)}"' in page}


@pytest.mark.parametrize(
    ("role", "state", "links"),
    [
        ("staff", "draft", {"goal_update", "goal_submit", "goal_history"}),
        ("staff", "returned", {"goal_update", "goal_submit", "goal_history"}),
        ("staff", "submitted", {"goal_decide", "goal_history"}),
        ("staff", "approved", {"goal_history"}),
        ("steering", "submitted", {"goal_decide", "goal_history"}),
        ("steering", "returned", {"goal_history"}),
        ("steering", "approved", {"goal_history"}),
        ("board", "draft", set()),
        ("board", "submitted", set()),
        ("ministry", "submitted", set()),
        ("ministry", "draft", set()),
    ],
)
def test_the_actions_follow_role_and_state(client, cast, role, state, links):
    goal = _goal(cast, state)
    client_for(client, cast.for_role(role))
    page = client.get(_url(goal)).content.decode()
    assert _links(page, goal) == links
    for name in links:  # every action button opens for this role
        assert client.get(_url(goal, "governance:" + name)).status_code == 200, name


def test_staff_record_and_the_steering_committee_decides(client, cast):
    goal = _goal(cast, "submitted")
    client_for(client, cast.staff)
    assert "Beschluss erfassen" in client.get(_url(goal)).content.decode()
    client.logout()
    client_for(client, cast.steering)
    assert ">Entscheiden<" in client.get(_url(goal)).content.decode()


def test_recommendations_and_decisions_link_where_the_role_may_open_them(client, cast):
    goal = _goal(cast, "submitted")
    given = services.recommendation_record(
        subject=goal,
        meeting=MeetingFactory(body=cast.board_a, days=-30),
        outcome=Recommendation.Outcome.APPROVE,
        rationale="Klarer Nutzen für das Feld.",
        recorded_by=cast.staff,
    )
    open_round = services.recommendation_round_open(
        subject=goal, deadline=timezone.now() + datetime.timedelta(days=3), recorded_by=cast.staff
    )
    # The Lenkungskreis returns the goal (not public) against the board's recommendation.
    decision = services.approval_decide(
        obj=goal,
        approve=False,
        reason="Finanzierung offen",
        recommendation=given,
        deviation_reason="Die Finanzierung ist nicht gesichert.",
        decided_by=cast.steering,
        expected_version=goal.version,
    )
    recommendation_url = reverse("governance:recommendation_detail", kwargs={"pk": given.pk})
    round_url = reverse("governance:recommendation_detail", kwargs={"pk": open_round.pk})
    decision_url = reverse("governance:decision_detail", kwargs={"pk": decision.pk})

    pages = {}
    for role in ("board", "steering", "ministry", "staff"):
        client.logout()
        client_for(client, cast.for_role(role))
        pages[role] = page = client.get(_url(goal)).content.decode()
        assert "Klarer Nutzen für das Feld." in page, role
        assert "zurückgegeben" in page, role
        # every link on the page opens for the role
        for url in (recommendation_url, round_url, decision_url):
            if f'href="{url}"' in page:
                assert client.get(url).status_code == 200, (role, url)
    # The board sees its own open round; the Lenkungskreis only given recommendations.
    assert f'href="{round_url}"' in pages["board"]
    assert f'href="{round_url}"' not in pages["steering"]
    # The return is not public: members of the Lenkungskreis, ministry and staff open it; the
    # board member sees that it was returned, without a link into a 404.
    assert f'href="{decision_url}"' not in pages["board"]
    assert "nicht öffentlich" in pages["board"]
    for role in ("steering", "ministry", "staff"):
        assert f'href="{decision_url}"' in pages[role], role


def test_follow_and_unfollow_a_goal_twice_each(client, cast):
    goal = _goal(cast, "draft")
    client_for(client, cast.board)
    url = _url(goal, "governance:goal_follow")
    assert "Folgen (Benachrichtigung bei Beschlüssen)" in client.get(_url(goal)).content.decode()
    for _click in range(2):  # a second click changes nothing
        response = client.post(url)
        assert response.status_code == 302 and response["Location"] == _url(goal)
    assert Follow.objects.filter(user=cast.board, object_id=goal.pk).count() == 1
    page = client.get(_url(goal)).content.decode()
    assert "Sie folgen diesem Entwicklungsziel." in page and "Nicht mehr folgen" in page
    for _click in range(2):
        assert client.post(url, {"follow": "0"}).status_code == 302
    assert not Follow.objects.filter(user=cast.board).exists()
    page = client.get(_url(goal)).content.decode()
    assert "Sie folgen diesem Entwicklungsziel nicht mehr." in page


def test_following_needs_the_goal_in_scope(client, cast):
    draft = _goal(cast, "draft")
    client_for(client, cast.steering)  # a draft was never given to the Lenkungskreis
    assert client.post(_url(draft, "governance:goal_follow")).status_code == 404
    assert client.get(_url(draft, "governance:goal_follow")).status_code == 405
    assert not Follow.objects.exists()


def test_followers_hear_of_the_decision_with_a_link_to_the_goal(
    client, cast, django_capture_on_commit_callbacks
):
    other_board = UserFactory(username="beirat-b@example.org")
    MembershipFactory(body=cast.board_b, user=other_board)
    goal = _goal(cast, "draft")
    client_for(client, cast.ministry)  # sees every goal, is told only when following
    client.post(_url(goal, "governance:goal_follow"))
    services.approval_submit(obj=goal, expected_version=goal.version, actor=cast.staff)
    goal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.approval_decide(
            obj=goal, approve=True, decided_by=cast.steering, expected_version=goal.version
        )
    note = Notification.objects.get(kind=Kind.DECISION, user=cast.ministry)
    assert note.url == _url(goal)
    assert client.get(note.url).status_code == 200
    # Staff and the board of the goal's field are told too (not the decider, not the board
    # of another field); everybody's link opens.
    told = set(Notification.objects.filter(kind=Kind.DECISION).values_list("user", flat=True))
    assert told == {cast.ministry.pk, cast.board.pk, cast.staff.pk, cast.superuser.pk}
    client.logout()
    client_for(client, cast.board)
    assert client.get(Notification.objects.get(user=cast.board).url).status_code == 200
    # An unfollowed goal: the ministry is not told of the next decision.
    other = _goal(cast, "submitted", title="Zweites Ziel")
    services.approval_decide(
        obj=other, approve=True, decided_by=cast.steering, expected_version=other.version
    )
    assert Notification.objects.filter(kind=Kind.DECISION, user=cast.ministry).count() == 1
    assert Notification.objects.filter(kind=Kind.DECISION, user=cast.board).count() == 2
    assert not Notification.objects.filter(user=other_board).exists()


def test_the_page_in_english(client, cast):
    goal = _goal(cast, "submitted")
    client_for(client, cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_url(goal)).content.decode()
    assert '<html lang="en"' in page
    assert "Development goal" in page
    assert "submitted to the steering committee" in page  # the status label
    assert "Record decision" in page and ">History<" in page
    assert "Recommendations of the strategy board" in page


# --- the goal list, the navigation and the pages that link to a goal --------------------------


def test_the_goal_list_links_each_goal_and_is_scoped(client, cast):
    own = _goal(cast, "draft", title="Ziel im eigenen Feld")
    foreign = DevelopmentGoalFactory(field=cast.field_b, title="Ziel im fremden Feld")
    submitted_b = DevelopmentGoalFactory(
        field=cast.field_b, title="Eingereichtes Ziel B", status=DevelopmentGoal.Status.SUBMITTED
    )
    list_url = reverse("governance:goal_list")
    client_for(client, cast.board)
    page = client.get(list_url).content.decode()
    assert f'href="{_url(own)}"' in page
    assert foreign.title not in page and submitted_b.title not in page
    assert f'href="{_url(own, "governance:goal_history")}"' not in page  # staff/steering only
    client.logout()
    client_for(client, cast.steering)
    page = client.get(list_url).content.decode()
    assert own.title not in page and f'href="{_url(submitted_b)}"' in page
    client.logout()
    client_for(client, cast.ministry)
    page = client.get(list_url).content.decode()
    assert all(f'href="{_url(goal)}"' in page for goal in (own, foreign, submitted_b))
    client.logout()
    client_for(client, _user(cast, "statistics"))
    assert client.get(list_url).status_code == 403


@pytest.mark.parametrize(
    ("role", "offered"),
    [("board", {"Feld A"}), ("steering", {"Feld B"}), ("ministry", {"Feld A", "Feld B"})],
)
def test_the_field_filter_offers_the_fields_of_the_goals_the_role_sees(client, cast, role, offered):
    _goal(cast, "draft")  # field A
    DevelopmentGoalFactory(field=cast.field_b, status=DevelopmentGoal.Status.SUBMITTED)
    client_for(client, cast.for_role(role))
    page = client.get(reverse("governance:goal_list")).content.decode()
    select = page[
        page.index('id="filter-field"') : page.index("</select>", page.index('id="filter-field"'))
    ]
    options = set(re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select))
    assert {name.strip() for name in options} == offered


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", False),
        ("user", False),
        ("statistics", False),
        ("board", True),
        ("steering", True),
        ("ministry", True),
        ("staff", True),
    ],
)
def test_the_navigation_shows_the_goal_list_to_those_who_may_open_it(client, cast, role, shown):
    user = _user(cast, role)
    client_for(client, user)
    page = client.get(reverse("home")).content.decode()
    link = f'href="{reverse("governance:goal_list")}"'
    assert (link in page) is shown
    if shown:
        assert client.get(reverse("governance:goal_list")).status_code == 200


def test_the_search_links_a_goal_to_its_page(client, cast):
    goal = _goal(cast, "draft", title="Elektrolyse im Verbund")
    foreign = DevelopmentGoalFactory(field=cast.field_b, title="Elektrolyse anderswo")
    client_for(client, cast.board)
    page = client.get("/suche/", {"q": "Elektrolyse"}).content.decode()
    assert f'href="{_url(goal)}"' in page
    assert foreign.title not in page
    client.logout()
    assert (
        "Elektrolyse im Verbund" not in client.get("/suche/", {"q": "Elektrolyse"}).content.decode()
    )


def test_the_decision_page_links_the_goal_for_those_who_may_open_it(client, cast):
    goal = _goal(cast, "submitted")
    meeting = MeetingFactory(body=cast.lenkungskreis, days=-1)
    decision = services.approval_decide(
        obj=goal,
        approve=True,
        meeting=meeting,
        decided_by=cast.staff,
        expected_version=goal.version,
    )
    url = reverse("governance:decision_detail", kwargs={"pk": decision.pk})
    link = f'href="{_url(goal)}"'
    assert link not in client.get(url).content.decode()  # public decision, anonymous visitor
    for role in ("board", "steering", "ministry", "staff"):
        client_for(client, cast.for_role(role))
        assert link in client.get(url).content.decode(), role
        client.logout()
    client_for(client, cast.user)
    assert link not in client.get(url).content.decode()


def test_the_recommendation_page_links_the_goal(client, cast):
    goal = _goal(cast, "submitted")
    recommendation = RecommendationFactory(
        body=cast.board_a,
        roadmap=None,
        goal=goal,
        meeting=MeetingFactory(body=cast.board_a, days=-30),
    )
    client_for(client, cast.board)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert f'href="{_url(goal)}"' in page


def test_after_an_edit_staff_return_to_the_goal_page(client, cast):
    goal = _goal(cast, "draft")
    client_for(client, cast.staff)
    response = client.post(
        _url(goal, "governance:goal_update"),
        {"field": cast.field_a.pk, "title": "Neuer Titel", "version": goal.version},
    )
    assert response.status_code == 302 and response["Location"] == _url(goal)
    history = client.get(_url(goal, "governance:goal_history")).content.decode()
    assert f'href="{_url(goal)}"' in history  # "Zurück" leads to the goal's page


@pytest.mark.parametrize("role", ["steering", "staff"])
def test_the_approval_queue_and_the_decide_page_lead_to_the_goal_page(client, cast, role):
    goal = _goal(cast, "submitted")
    roadmap = RoadmapFactory(network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED)
    client_for(client, cast.for_role(role))
    queue = client.get(reverse("governance:approval_list")).content.decode()
    for obj in (goal, roadmap):
        assert f'href="{obj.get_absolute_url()}"' in queue
        assert client.get(obj.get_absolute_url()).status_code == 200
    decide = client.get(_url(goal, "governance:goal_decide")).content.decode()
    assert f'href="{_url(goal)}"' in decide
