"""Governance and other internal pages in the English UI: names in English where there is an
English name, every German title, name and text marked lang="de"; nothing marked in German.

Regression tests for issue 15 ("German content in the English UI is not marked lang="de" and
<title> ignores name_en"): meetings, review rounds, approvals, my tasks, the search results and
the reports workspace (see `tests/fields/test_internal_language.py` for the fields pages).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance.models import Recommendation, ReviewResponse, ReviewRound
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    RoadmapCommentFactory,
    RoadmapFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DevelopmentGoalFactory,
    ForumEventFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RecommendationFactory,
    RegistrationFactory,
)
from tests.html_language import assert_german_marked, get_page, marked_german
from tests.reports.factories import ReportFactory
from tests.thread.conftest import build_chain


@pytest.fixture
def named(cast):
    """The chain of field A (a closed round, a decided roadmap) with English names for the field
    and the theme, and a meeting of board A with German content."""
    chain = build_chain(cast, cast.field_a, prefix="a")
    cast.field_a.name_en = "Field A in English"
    cast.field_a.save()
    chain["theme"].name_en = "Topic A in English"
    chain["theme"].save()
    chain["need"].description = "Eine deutsche Beschreibung des Bedarfs."
    chain["need"].save()
    meeting = MeetingFactory(body=cast.board_a, title="Dritte Sitzung des Beirats", days=-1)
    AgendaItemFactory(
        meeting=meeting,
        title="Beratung der Roadmap",
        description="Eine deutsche Erläuterung.",
        roadmap=chain["roadmap"],
    )
    MeetingDocumentFactory(meeting=meeting, title="Deutsche Vorlage")
    meeting.minutes.text = "Ein deutsches Protokoll."
    meeting.minutes.save()
    decision = DecisionFactory(
        body=cast.board_a,
        meeting=meeting,
        title="Deutscher Beschluss",
        text="Ein deutscher Beschlusstext.",
    )
    return {**chain, "meeting": meeting, "meeting_decision": decision}


def test_the_meeting_page(client, cast, named):
    url = reverse("governance:meeting_detail", args=[named["meeting"].pk])
    for user in (cast.staff, cast.board):
        html = get_page(client, user, url)
        assert_german_marked(
            html,
            "Dritte Sitzung des Beirats",
            "Beratung der Roadmap",
            "Eine deutsche Erläuterung.",
            "Roadmap a",
            "Deutsche Vorlage",
            "Ein deutsches Protokoll.",
            "Deutscher Beschluss",
        )


def test_the_decision_page(client, cast, named):
    url = reverse("governance:decision_detail", args=[named["meeting_decision"].pk])
    html = get_page(client, cast.staff, url)
    assert_german_marked(
        html, "Deutscher Beschluss", "Dritte Sitzung des Beirats", "Ein deutscher Beschlusstext."
    )


def test_the_recommendation_page(client, cast, named):
    url = reverse("governance:recommendation_detail", args=[named["recommendation"].pk])
    for user in (cast.staff, cast.board):
        html = get_page(client, user, url)
        assert_german_marked(html, "Roadmap a", "Empfohlen")


def test_my_bodies(client, cast, named):
    meeting = MeetingFactory(body=cast.board_a, title="Kommende Sitzung des Beirats", days=3)
    MeetingDocumentFactory(meeting=meeting, title="Deutsche Einladung")
    html = get_page(client, cast.board, reverse("governance:my_bodies"))
    assert_german_marked(html, "Kommende Sitzung des Beirats", "Deutsche Einladung")


def test_the_activity_list(client, cast, named):
    html = get_page(client, cast.staff, reverse("monitoring:activity_list"))
    assert_german_marked(html, "Aktivität a")


def test_the_meeting_list(client, cast, named):
    html = get_page(client, cast.staff, reverse("governance:meeting_list"))
    assert_german_marked(html, "Dritte Sitzung des Beirats")


def test_the_review_round_pages(client, cast, named):
    round_ = named["round"]
    ReviewRound.objects.filter(pk=round_.pk).update(
        description="Eine deutsche Beschreibung der Runde."
    )
    html = get_page(client, cast.staff, reverse("governance:review_list"))
    assert_german_marked(html, "Runde a")
    html = get_page(client, cast.staff, reverse("governance:review_detail", args=[round_.pk]))
    assert_german_marked(html, "Runde a", "Eine deutsche Beschreibung der Runde.", "Bedarf a")


def test_an_open_review_round_as_board_member(client, cast, named):
    from governance import services

    round_ = services.review_round_open(
        body=cast.board_a,
        title="Offene Runde",
        deadline=timezone.now() + timezone.timedelta(days=3),
        created_by=cast.staff,
        needs=[named["need"]],
    )
    html = get_page(client, cast.board, reverse("governance:review_detail", args=[round_.pk]))
    assert "Topic A in English" in html
    assert_german_marked(
        html, "Offene Runde", "Bedarf a", "Eine deutsche Beschreibung des Bedarfs."
    )


def test_the_approval_list(client, cast, named):
    RoadmapFactory(
        network=ValueNetworkFactory(theme=named["theme"], name="Zweites Netz"),
        title="Eingereichte Roadmap",
        status=Roadmap.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for user in (cast.staff, cast.steering):
        html = get_page(client, user, reverse("governance:approval_list"))
        assert "Field A in English" in html
        assert ">Feld A<" not in html
        assert_german_marked(html, "Eingereichte Roadmap")


def test_my_tasks(client, cast, named):
    MeetingFactory(body=cast.board_a, title="Kommende Sitzung des Beirats", days=3)
    html = get_page(client, cast.board, reverse("personal:tasks"))
    assert_german_marked(html, "Kommende Sitzung des Beirats")
    # Staff: the finished meeting without approved minutes is a task.
    html = get_page(client, cast.staff, reverse("personal:tasks"))
    assert_german_marked(html, "Dritte Sitzung des Beirats")


def test_the_search_results(client, cast, named):
    url = reverse("thread:search") + "?q=Bedarf"
    html = get_page(client, cast.staff, url)
    assert_german_marked(html, "Bedarf a", "Eine deutsche Beschreibung des Bedarfs.")
    assert "Field A in English" in html  # the need's field, in the line below its title
    html = get_page(client, cast.staff, reverse("thread:search") + "?q=Thema")
    assert "Topic A in English" in html


def test_the_reports_workspace(client, cast, named):
    ReportFactory(title="Deutscher Monitoringbericht")
    html = get_page(client, cast.staff, reverse("reports:report_workspace"))
    assert_german_marked(html, "Deutscher Monitoringbericht")


@pytest.fixture
def submitted(cast, named):
    """A submitted roadmap of field A with German summary, network, recommendation, comment and
    a need of the closed round "Runde a" (with a German comment)."""
    network = ValueNetworkFactory(theme=named["theme"], name="Deutsches Netzwerk")
    roadmap = RoadmapFactory(
        network=network,
        title="Eingereichte Roadmap",
        summary="Eine deutsche Zusammenfassung.",
        status=Roadmap.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    measure = MeasureFactory(action_field=ActionFieldFactory(roadmap=roadmap))
    measure.needs.set([named["need"]])
    RecommendationFactory(
        body=cast.board_a,
        roadmap=roadmap,
        meeting=named["meeting"],
        rationale="Eine deutsche Empfehlung.",
        status=Recommendation.Status.GIVEN,
    )
    RoadmapCommentFactory(roadmap=roadmap, author=cast.board, text="Ein deutscher Kommentar.")
    ReviewResponse.objects.filter(item__round=named["round"]).update(
        comment="Eine deutsche Anmerkung."
    )
    return roadmap


def test_the_decide_page_of_a_roadmap(client, cast, named, submitted):
    html = get_page(client, cast.staff, reverse("governance:roadmap_decide", args=[submitted.pk]))
    assert_german_marked(
        html,
        "Eingereichte Roadmap",
        "Eine deutsche Zusammenfassung.",
        "Deutsches Netzwerk",
        "Dritte Sitzung des Beirats",
        "Eine deutsche Empfehlung.",
        "Bedarf a",
        "Runde a",
        "Ein deutscher Kommentar.",
        "Eine deutsche Anmerkung.",
    )


def _german_goal(cast, status, **values):
    """A goal of field A whose title and description are German content."""
    return DevelopmentGoalFactory(
        field=cast.field_a,
        title="Deutsches Entwicklungsziel",
        description="Eine deutsche Beschreibung des Ziels.",
        status=status,
        **values,
    )


def test_the_decide_page_of_a_goal(client, cast, named):
    goal = _german_goal(cast, "eingereicht")
    html = get_page(client, cast.staff, reverse("governance:goal_decide", args=[goal.pk]))
    assert_german_marked(
        html, "Deutsches Entwicklungsziel", "Eine deutsche Beschreibung des Ziels."
    )


def test_the_body_pages(client, cast, named):
    cast.board_a.description = "Eine deutsche Beschreibung des Beirats."
    cast.board_a.save()
    html = get_page(client, cast.staff, reverse("governance:body_list"))
    assert "Field A in English" in html
    assert ">Feld A<" not in html
    html = get_page(client, cast.staff, reverse("governance:body_public", args=["beirat-a"]))
    assert "Field A in English" in html
    assert_german_marked(html, "Eine deutsche Beschreibung des Beirats.")
    html = get_page(client, cast.staff, reverse("governance:body_manage", args=["beirat-a"]))
    assert_german_marked(html, "Dritte Sitzung des Beirats")


@pytest.fixture
def forum(cast):
    event = ForumEventFactory(title="Deutsches Forum", days=-1)
    RegistrationFactory(event=event, name="Petra Muster")
    return event


def test_the_event_pages(client, cast, forum):
    html = get_page(client, cast.staff, reverse("governance:event_manage_list"))
    assert_german_marked(html, "Deutsches Forum")
    for name in ("event_participants", "event_attendance"):
        html = get_page(client, cast.staff, reverse(f"governance:{name}", args=[forum.pk]))
        assert_german_marked(html, "Deutsches Forum")


@pytest.mark.parametrize(
    "url_name",
    [
        "roadmap_decide",
        "goal_decide",
        "body_list",
        "body_public",
        "body_manage",
        "event_manage_list",
        "event_participants",
        "event_attendance",
    ],
)
def test_german_ui_marks_nothing_on_more_pages(client, cast, named, submitted, forum, url_name):
    goal = DevelopmentGoalFactory(field=cast.field_a, status="eingereicht")
    args = {
        "roadmap_decide": [submitted.pk],
        "goal_decide": [goal.pk],
        "body_public": ["beirat-a"],
        "body_manage": ["beirat-a"],
        "event_participants": [forum.pk],
        "event_attendance": [forum.pk],
    }
    url = reverse(f"governance:{url_name}", args=args.get(url_name, []))
    html = get_page(client, cast.staff, url, language="de")
    assert '<html lang="de"' in html
    assert marked_german(html) == 0
    assert "Field A in English" not in html


@pytest.mark.parametrize(
    "url_name",
    [
        "meeting_detail",
        "meeting_list",
        "decision_detail",
        "recommendation_detail",
        "my_bodies",
        "activity_list",
        "review_list",
        "review_detail",
        "approval_list",
        "tasks",
        "search",
        "report_workspace",
    ],
)
def test_german_ui_marks_nothing(client, cast, named, url_name):
    ReportFactory(title="Deutscher Monitoringbericht")
    urls = {
        "meeting_detail": reverse("governance:meeting_detail", args=[named["meeting"].pk]),
        "meeting_list": reverse("governance:meeting_list"),
        "decision_detail": reverse(
            "governance:decision_detail", args=[named["meeting_decision"].pk]
        ),
        "recommendation_detail": reverse(
            "governance:recommendation_detail", args=[named["recommendation"].pk]
        ),
        "my_bodies": reverse("governance:my_bodies"),
        "activity_list": reverse("monitoring:activity_list"),
        "review_list": reverse("governance:review_list"),
        "review_detail": reverse("governance:review_detail", args=[named["round"].pk]),
        "approval_list": reverse("governance:approval_list") + "?ansicht=veroeffentlichen",
        "tasks": reverse("personal:tasks"),
        "search": reverse("thread:search") + "?q=Bedarf",
        "report_workspace": reverse("reports:report_workspace"),
    }
    html = get_page(client, cast.staff, urls[url_name], language="de")
    assert '<html lang="de"' in html
    assert marked_german(html) == 0
    assert "Field A in English" not in html


def test_the_goal_page_list_search_and_tasks(client, cast, named):
    goal = _german_goal(cast, "zurueckgegeben", status_reason="Bitte genauer fassen.")
    texts = ("Deutsches Entwicklungsziel", "Eine deutsche Beschreibung des Ziels.")
    page = reverse("governance:goal_detail", args=[goal.pk])
    html = get_page(client, cast.staff, page)
    assert_german_marked(html, *texts, "Bitte genauer fassen.")
    assert "Field A in English" in html
    html = get_page(client, cast.staff, reverse("governance:goal_list"))
    assert_german_marked(html, "Deutsches Entwicklungsziel", "Bitte genauer fassen.")
    assert "Field A in English" in html and ">Feld A</td>" not in html
    html = get_page(client, cast.staff, reverse("thread:search") + "?q=Entwicklungsziel")
    assert_german_marked(html, "Deutsches Entwicklungsziel")
    assert "Field A in English" in html  # the goal's field, in the line below its title
    goal.status, goal.submitted_at = "eingereicht", timezone.now()
    goal.save()
    html = get_page(client, cast.steering, reverse("personal:tasks"))
    assert_german_marked(html, "Deutsches Entwicklungsziel")
    assert "Field A in English" in html
    # In the German UI nothing is marked.
    for url in (page, reverse("governance:goal_list")):
        assert marked_german(get_page(client, cast.staff, url, language="de")) == 0
