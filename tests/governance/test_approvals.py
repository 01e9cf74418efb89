import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fields.models import Roadmap
from governance import services
from governance.models import Decision, DevelopmentGoal
from ris_portal.concurrency import ConcurrentEditError
from tests.conftest import client_for
from tests.factories import RoadmapFactory
from tests.governance.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_staff_submit_steering_approves_staff_publish_with_history(client, cast):
    roadmap = RoadmapFactory(
        submitted=True,
        network__theme__field=cast.field_a,
        status=Roadmap.Status.BOARD_REVIEW,
        title="Photonik",
    )
    client_for(client, cast.staff)
    submit = reverse("governance:roadmap_submit", kwargs={"pk": roadmap.pk})
    assert client.post(submit, {"version": roadmap.version}).status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.SUBMITTED and roadmap.submitted_at

    client.logout()
    client_for(client, cast.steering)
    queue = client.get(reverse("governance:approval_list")).content.decode()
    assert "Photonik" in queue
    decide = reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    response = client.post(decide, {"decision": "approve", "version": roadmap.version})
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED and roadmap.decided_at
    decision = Decision.objects.get(roadmap=roadmap)
    assert decision.body == cast.lenkungskreis and decision.decided_by == cast.steering
    assert decision.outcome == Decision.Outcome.APPROVED and decision.meeting is None

    client.logout()
    client_for(client, cast.staff)
    publish = reverse("governance:roadmap_publish", kwargs={"pk": roadmap.pk})
    assert "Veröffentlichen" in client.get(publish).content.decode()
    assert client.post(publish, {"version": roadmap.version}).status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.PUBLISHED and roadmap.published_at

    reasons = list(roadmap.history.values_list("history_change_reason", flat=True))
    assert reasons[:3] == [
        "veröffentlicht",
        "vom Lenkungskreis beschlossen",
        "beim Lenkungskreis eingereicht",
    ]
    history = client.get(reverse("governance:roadmap_history", kwargs={"pk": roadmap.pk}))
    assert "vom Lenkungskreis beschlossen" in history.content.decode()


def test_returning_needs_a_reason_and_records_it(client, cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    client_for(client, cast.steering)
    decide = reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    response = client.post(decide, {"decision": "return", "version": roadmap.version})
    assert response.status_code == 200
    assert "Bitte begründen Sie die Rückgabe." in response.content.decode()
    client.post(
        decide, {"decision": "return", "reason": "Indikatoren fehlen", "version": roadmap.version}
    )
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.RETURNED
    assert roadmap.status_reason == "Indikatoren fehlen"
    decision = Decision.objects.get(roadmap=roadmap)
    assert decision.outcome == Decision.Outcome.RETURNED
    # A returned draft and the committee's reasons are not published.
    assert not decision.is_public
    client.logout()
    public = client.get(reverse("governance:decision_list")).content.decode()
    assert roadmap.title not in public and "Indikatoren fehlen" not in public


def test_staff_record_a_decision_only_with_a_steering_meeting(client, cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    meeting = MeetingFactory(body=cast.lenkungskreis, days=-1)
    client_for(client, cast.staff)
    decide = reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    response = client.post(decide, {"decision": "approve", "version": roadmap.version})
    assert response.status_code == 200
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.SUBMITTED
    client.post(
        decide,
        {
            "decision": "approve",
            "meeting": meeting.pk,
            "votes_yes": 5,
            "votes_no": 0,
            "votes_abstain": 1,
            "version": roadmap.version,
        },
    )
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.APPROVED
    decision = Decision.objects.get(roadmap=roadmap)
    assert decision.meeting == meeting and decision.votes_yes == 5
    assert decision in meeting.decisions.all()


def test_a_stale_decision_is_refused(cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    with pytest.raises(ConcurrentEditError):
        services.approval_decide(
            obj=roadmap,
            approve=True,
            decided_by=cast.steering,
            expected_version=roadmap.version + 1,
        )
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.SUBMITTED
    assert not Decision.objects.exists()


@pytest.mark.parametrize("status", [Roadmap.Status.DRAFT, Roadmap.Status.PUBLISHED])
def test_only_submitted_roadmaps_can_be_decided(cast, status):
    roadmap = RoadmapFactory(submitted=True, network__theme__field=cast.field_a, status=status)
    with pytest.raises(ValidationError):
        services.approval_decide(
            obj=roadmap, approve=True, decided_by=cast.steering, expected_version=roadmap.version
        )


def test_only_approved_roadmaps_can_be_published(cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    with pytest.raises(ValidationError):
        services.roadmap_publish(roadmap=roadmap, expected_version=roadmap.version)


def test_development_goals_go_through_the_same_approval(client, cast):
    client_for(client, cast.staff)
    client.post(
        reverse("governance:goal_create"),
        {"field": cast.field_a.pk, "title": "Wasserstoff-Kompetenz", "description": ""},
    )
    goal = DevelopmentGoal.objects.get()
    client.post(reverse("governance:goal_submit", kwargs={"pk": goal.pk}), {"version": 1})
    goal.refresh_from_db()
    assert goal.status == DevelopmentGoal.Status.SUBMITTED
    client.logout()
    client_for(client, cast.steering)
    client.post(
        reverse("governance:goal_decide", kwargs={"pk": goal.pk}),
        {"decision": "approve", "version": goal.version},
    )
    goal.refresh_from_db()
    assert goal.status == DevelopmentGoal.Status.APPROVED
    assert Decision.objects.get(goal=goal).title == "Entwicklungsziel: Wasserstoff-Kompetenz"
    public = client.get(reverse("governance:decision_list")).content.decode()
    assert "Entwicklungsziel: Wasserstoff-Kompetenz" in public


def test_ministry_and_board_members_cannot_decide(client, cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
    )
    decide = reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    for user in (cast.ministry, cast.board):
        client.logout()
        client_for(client, user)
        assert client.post(decide, {"decision": "approve", "version": 1}).status_code == 403
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.SUBMITTED
