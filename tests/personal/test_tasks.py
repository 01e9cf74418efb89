"""„Meine Aufgaben“ per role: what waits, links that open, the count, the query budget."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import MeetingReply, ReviewRound
from personal.selectors import task_count
from ris_portal.roles import roles_for
from tests.conftest import client_for
from tests.factories import NeedFactory, RoadmapFactory
from tests.governance.factories import DevelopmentGoalFactory, MeetingFactory, ReviewRoundFactory
from tests.monitoring.factories import ImportBatchFactory

pytestmark = pytest.mark.django_db


def _fill(cast, n: int):
    for _i in range(n):
        round_ = ReviewRoundFactory(
            body=cast.board_a, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_a)]
        )
        overdue = ReviewRoundFactory(
            body=cast.board_a, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_a)]
        )
        ReviewRound.objects.filter(pk=overdue.pk).update(deadline=timezone.now())
        RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
        )
        RoadmapFactory(
            submitted=True, network__theme__field=cast.field_b, status=Roadmap.Status.BOARD_REVIEW
        )  # not board A's
        RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
        )
        RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.APPROVED
        )
        DevelopmentGoalFactory(field=cast.field_a, title="Ziel", status="eingereicht")
        meeting = MeetingFactory(body=cast.board_a)
        services.meeting_invitations_send(meeting=meeting, actor=cast.staff)
        MeetingFactory(body=cast.board_a, days=-2)  # to follow up
        ImportBatchFactory(kind="activities", file_name="a.xlsx", sha256="0" * 64)
        yield round_


def _links(html: str) -> list[str]:
    main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
    return sorted(set(re.findall(r'href="(/[^"#]*)', main)))


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/aufgaben/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_login_lands_on_meine_aufgaben(client, cast):
    response = client.post(
        reverse("account_login"), {"login": cast.board.email, "password": "Sicheres-Passwort-1"}
    )
    assert response["Location"] == "/aufgaben/"


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("board", {"rounds_to_answer", "roadmaps_to_review", "invitations_to_answer"},
         {"roadmaps_to_decide", "rounds_to_close", "imports_to_confirm"}),
        ("steering", {"roadmaps_to_decide", "goals_to_decide"},
         {"rounds_to_answer", "roadmaps_to_publish"}),
        ("staff", {"rounds_to_close", "roadmaps_to_publish", "imports_to_confirm",
                   "meetings_to_complete"}, {"rounds_to_answer", "roadmaps_to_decide"}),
        ("ministry", {"meetings"}, {"rounds_to_close", "roadmaps_to_decide"}),
        ("user", set(), {"rounds_to_answer", "roadmaps_to_decide", "rounds_to_close"}),
    ],
)  # fmt: skip
def test_each_role_sees_its_tasks_and_can_open_every_link(client, cast, role, present, absent):
    list(_fill(cast, 1))
    client_for(client, cast.for_role(role))
    html = client.get("/aufgaben/").content.decode()
    for key in present:
        assert f'data-testid="tasks-{key}"' in html, key
    for key in absent:
        assert f'data-testid="tasks-{key}"' not in html, key
    for url in _links(html):
        if url.endswith(".pdf"):
            continue
        assert client.get(url).status_code == 200, url


def test_answering_removes_the_task_and_lowers_the_count(client, cast):
    (round_,) = list(_fill(cast, 1))
    roles = roles_for(cast.board)
    before = task_count(cast.board, roles)
    answers = {item.pk: {"score": 4} for item in round_.items.all()}
    services.review_answers_save(round_=round_, user=cast.board, answers=answers)
    assert task_count(cast.board, roles) == before - 1
    client_for(client, cast.board)
    badge = client.get(reverse("personal:task_count")).content.decode()
    assert f">{before - 1}<" in badge


def test_meine_aufgaben_holds_its_query_budget_at_1x_and_10x(
    client, cast, django_assert_max_num_queries
):
    for rows, counted in ((1, False), (9, True)):
        list(_fill(cast, rows))
        for role in ("staff", "board", "steering"):
            client.logout()
            client_for(client, cast.for_role(role))
            # auth 2, roles 2, one query per section (≤ 9), unread notifications, meetings.
            with django_assert_max_num_queries(15):
                assert client.get("/aufgaben/").status_code == 200
            if counted:
                with django_assert_max_num_queries(5):  # auth 2, roles 2, one UNION ALL count
                    assert client.get(reverse("personal:task_count")).status_code == 200


def test_a_member_answers_an_invitation_in_the_portal_and_from_the_email(client, cast):
    meeting = MeetingFactory(body=cast.board_a)
    services.meeting_invitations_send(meeting=meeting, actor=cast.staff)
    client_for(client, cast.board)
    url = reverse("governance:meeting_reply", kwargs={"pk": meeting.pk})
    response = client.post(url, {"answer": "vertretung", "substitute_name": ""})
    assert "Bitte nennen Sie Ihre Vertretung" in response.content.decode()
    client.post(url, {"answer": "vertretung", "substitute_name": "Dr. Vera Vertretung"})
    reply = MeetingReply.objects.get()
    assert (reply.answer, reply.substitute_name) == ("vertretung", "Dr. Vera Vertretung")

    client.logout()
    from ris_portal.models import OutboxMail

    invitation = OutboxMail.objects.get(template="governance/emails/meeting_invitation")
    link = re.search(r"http://[^\s]+/antwort/[^\s]+/", invitation.body_text).group(0)
    path = link.split("8000", 1)[1]
    assert client.get(path).status_code == 200
    client.post(path, {"answer": "zusage"})
    reply.refresh_from_db()
    assert reply.answer == "zusage" and reply.substitute_name == ""
    assert reply.history.count() == 2


def test_quorum_follows_the_bodys_rules_and_is_shown_before_the_decision(client, cast):
    from tests.factories import MembershipFactory

    for _i in range(3):
        MembershipFactory(body=cast.board_a)
    MembershipFactory(body=cast.board_a, role="gast")  # guests do not vote
    meeting = MeetingFactory(body=cast.board_a, days=-1)
    quorum = services.meeting_quorum(meeting)
    assert (quorum["voting_members"], quorum["required"], quorum["is_quorate"]) == (4, 2, None)
    services.attendance_record(meeting=meeting, statuses={cast.board.pk: "anwesend"})
    assert services.meeting_quorum(meeting)["is_quorate"] is False
    client_for(client, cast.staff)
    page = client.get(reverse("governance:decision_create", kwargs={"pk": meeting.pk}))
    assert "nicht beschlussfähig" in page.content.decode()
    assert "mindestens 2 von 4" in page.content.decode()
