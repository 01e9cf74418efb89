"""Board recommendations, decision pages, and decisions dated with their meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import Decision, Membership, Recommendation
from tests.conftest import client_for
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    MembershipFactory,
    NeedFactory,
    RoadmapCommentFactory,
    RoadmapFactory,
    UserFactory,
)
from tests.governance.factories import (
    DecisionFactory,
    MeetingFactory,
    RecommendationFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


def _submitted(cast, status=Roadmap.Status.SUBMITTED, **kwargs):
    """A roadmap of field A, submitted to the Lenkungskreis (and `status` since)."""
    return RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=status, **kwargs
    )


def _steering_approves(cast, roadmap, **kwargs):
    """The Lenkungskreis approves version 1 of `roadmap` (with a recommendation: `kwargs`)."""
    return services.approval_decide(
        obj=roadmap, approve=True, decided_by=cast.steering, expected_version=1, **kwargs
    )


def _recommend(cast, roadmap, outcome=Recommendation.Outcome.APPROVE):
    return services.recommendation_record(
        subject=roadmap,
        meeting=MeetingFactory(body=cast.board_a, days=-2),
        outcome=outcome,
        rationale="Begründung des Beirats",
        votes_approve=4,
        recorded_by=cast.staff,
    )


# --- decisions carry the meeting's date ---------------------------------------------------------


def test_a_decision_in_a_meeting_is_dated_with_the_meeting_not_the_day_it_was_typed(cast):
    meeting = MeetingFactory(body=cast.board_a, days=-10)
    decision = services.decision_record(
        body=cast.board_a, meeting=meeting, title="B", outcome="angenommen", decided_by=cast.staff
    )
    assert decision.decided_at == meeting.starts_at


def test_a_decision_cannot_be_dated_apart_from_its_meeting(cast):
    meeting = MeetingFactory(body=cast.board_a, days=-10)
    decision = DecisionFactory.build(
        body=cast.board_a,
        meeting=meeting,
        title="B",
        outcome="angenommen",
        decided_at=meeting.starts_at - datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "decided_at" in error.value.message_dict


def test_the_committee_decides_in_a_past_meeting_only(cast):
    roadmap = _submitted(cast)
    future = MeetingFactory(body=cast.lenkungskreis, days=5)
    with pytest.raises(ValidationError):
        services.approval_decide(
            obj=roadmap, approve=True, decided_by=cast.staff, expected_version=1, meeting=future
        )
    past = MeetingFactory(body=cast.lenkungskreis, days=-5)
    decision = services.approval_decide(
        obj=roadmap, approve=True, decided_by=cast.staff, expected_version=1, meeting=past
    )
    roadmap.refresh_from_db()
    assert decision.decided_at == past.starts_at == roadmap.decided_at


# --- recommendations in a meeting ---------------------------------------------------------------


def test_staff_record_a_recommendation_from_a_past_meeting_of_the_fields_board(cast):
    roadmap = _submitted(cast)
    recommendation = _recommend(cast, roadmap)
    assert recommendation.body == cast.board_a
    assert recommendation.given_at == recommendation.meeting.starts_at
    assert recommendation.status == Recommendation.Status.GIVEN


@pytest.mark.parametrize("problem", ["future", "other_board", "cancelled", "no_reason"])
def test_a_recommendation_needs_a_held_meeting_of_the_right_board_and_a_reason(cast, problem):
    roadmap = _submitted(cast)
    meeting = {
        "future": lambda: MeetingFactory(body=cast.board_a, days=3),
        "other_board": lambda: MeetingFactory(body=cast.board_b, days=-3),
        "cancelled": lambda: MeetingFactory(body=cast.board_a, days=-3),
        "no_reason": lambda: MeetingFactory(body=cast.board_a, days=-3),
    }[problem]()
    if problem == "cancelled":
        # Set directly: the cancel service refuses past meetings.
        meeting.cancelled_at = timezone.now()
        meeting.save()
    with pytest.raises(ValidationError):
        services.recommendation_record(
            subject=roadmap,
            meeting=meeting,
            outcome="zustimmung",
            rationale="" if problem == "no_reason" else "Gut",
            recorded_by=cast.staff,
        )
    assert not Recommendation.objects.exists()


def test_no_recommendation_once_the_committee_has_decided(cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.PUBLISHED
    )
    with pytest.raises(ValidationError):
        _recommend(cast, roadmap)


# --- the decision follows or deviates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "refused", "reason", "follows"),
    [
        # Following it: the decision must name the recommendation; a reason given is dropped.
        (
            Recommendation.Outcome.APPROVE,
            "recommendation",
            "wird ignoriert, die Entscheidung folgt",
            True,
        ),
        # Deviating from it needs a reason, which is kept.
        (
            Recommendation.Outcome.REJECT,
            "deviation_reason",
            "Die Bedenken sind durch die Fassung 2 ausgeräumt.",
            False,
        ),
    ],
    ids=["follows-names-the-recommendation", "deviating-needs-a-reason"],
)
def test_a_decision_after_a_recommendation(cast, outcome, refused, reason, follows):
    roadmap = _submitted(cast)
    recommendation = _recommend(cast, roadmap, outcome=outcome)
    # What is missing is refused first: the recommendation (following) or the reason (deviating).
    incomplete = {"recommendation": recommendation} if refused == "deviation_reason" else {}
    with pytest.raises(ValidationError) as error:
        _steering_approves(cast, roadmap, **incomplete)
    assert refused in error.value.message_dict
    decision = _steering_approves(
        cast, roadmap, recommendation=recommendation, deviation_reason=reason
    )
    assert decision.recommendation == recommendation
    assert decision.follows_recommendation is follows
    assert decision.deviation_reason == ("" if follows else reason)


def test_a_recommendation_of_another_roadmap_is_refused(cast):
    roadmap, other = _submitted(cast), _submitted(cast)
    foreign = _recommend(cast, other)
    with pytest.raises(ValidationError):
        _steering_approves(cast, roadmap, recommendation=foreign)


def test_decide_page_shows_recommendations_round_results_and_board_comments(client, cast):
    roadmap = _submitted(cast)
    need = NeedFactory(theme__field=cast.field_a, title="Fachkräfte fehlen")

    measure = MeasureFactory(
        action_field=ActionFieldFactory(roadmap=roadmap, title="HF"), title="M"
    )
    measure.needs.set([need])
    round_ = ReviewRoundFactory(body=cast.board_a, created_by=cast.staff, needs=[need])
    services.review_answers_save(
        round_=round_,
        user=cast.board,
        answers={round_.items.get().pk: {"score": 5, "comment": "Sehr dringend"}},
    )
    services.review_round_close(round_=round_, closed_by=cast.staff)
    RoadmapCommentFactory(roadmap=roadmap, author=cast.board, text="Bitte Zeitplan prüfen")
    recommendation = _recommend(cast, roadmap)
    client_for(client, cast.steering)
    url = reverse("governance:roadmap_decide", kwargs={"pk": roadmap.pk})
    html = client.get(url).content.decode()
    assert "Zustimmung empfohlen" in html
    assert reverse("governance:recommendation_detail", args=[recommendation.pk]) in html
    assert round_.title in html and "Sehr dringend" in html
    assert "Bitte Zeitplan prüfen" in html
    # Deciding without naming the recommendation is refused with a message on the form.
    response = client.post(url, {"decision": "approve", "version": roadmap.version})
    assert response.status_code == 200 and response.context["form"].errors["recommendation"]
    response = client.post(
        url,
        {"decision": "approve", "version": roadmap.version, "recommendation": recommendation.pk},
    )
    assert response.status_code == 302
    assert Decision.objects.get(roadmap=roadmap).recommendation == recommendation


# --- online round ----------------------------------------------------------------------------


def _round(cast, roadmap=None):
    return services.recommendation_round_open(
        subject=roadmap
        or RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
        ),
        deadline=timezone.now() + datetime.timedelta(days=7),
        recorded_by=cast.staff,
    )


def test_members_vote_online_and_staff_close_with_the_majority(client, cast):
    recommendation = _round(cast)
    second = UserFactory(username="zweite@example.org")
    MembershipFactory(body=cast.board_a, user=second)
    client_for(client, cast.board)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Ihre Stimme" in page
    vote = reverse("governance:recommendation_vote", kwargs={"pk": recommendation.pk})
    client.post(vote, {"choice": "ueberarbeitung", "comment": "Zeitplan zu knapp"})
    client.post(vote, {"choice": "zustimmung", "comment": "Nach Rücksprache: gut"})  # changed
    services.recommendation_vote(
        recommendation=recommendation, user=second, choice="zustimmung", comment="Gute Sache"
    )
    assert recommendation.votes.count() == 2
    assert services.recommendation_majority(recommendation) == "zustimmung"
    # Other members' votes stay hidden while the round runs.
    assert "Gute Sache" not in client.get(recommendation.get_absolute_url()).content.decode()

    client.logout()
    client_for(client, cast.staff)
    close = reverse("governance:recommendation_close", kwargs={"pk": recommendation.pk})
    assert client.get(close).context["form"].initial["outcome"] == "zustimmung"
    response = client.post(
        close,
        {"outcome": "zustimmung", "rationale": "Mehrheit für Zustimmung", "version": 1},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.GIVEN
    assert (recommendation.votes_approve, recommendation.votes_revise) == (2, 0)
    html = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Nach Rücksprache" in html and "Gute Sache" in html
    with pytest.raises(ValidationError):
        services.recommendation_vote(recommendation=recommendation, user=second, choice="ablehnung")


def test_only_active_board_members_vote(cast):
    recommendation = _round(cast)
    with pytest.raises(ValidationError):
        services.recommendation_vote(
            recommendation=recommendation, user=cast.steering, choice="zustimmung"
        )
    Membership.objects.filter(user=cast.board).update(end=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.recommendation_vote(
            recommendation=recommendation, user=cast.board, choice="zustimmung"
        )


def test_one_open_round_per_roadmap(cast):
    roadmap = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
    )
    _round(cast, roadmap)
    with pytest.raises(ValidationError):
        _round(cast, roadmap)


# --- decision pages ----------------------------------------------------------------------------


def test_public_decision_page_names_body_meeting_date_votes_text_and_subject(client, cast):
    roadmap = _submitted(cast, status=Roadmap.Status.PUBLISHED, title="Roadmap Licht")
    meeting = MeetingFactory(body=cast.lenkungskreis, days=-20, title="Frühjahrssitzung")
    recommendation = RecommendationFactory(
        body=cast.board_a,
        roadmap=roadmap,
        procedure="sitzung",
        meeting=MeetingFactory(body=cast.board_a, days=-30),
        outcome="zustimmung",
        rationale="Gut",
        given_at=timezone.now() - datetime.timedelta(days=30),
    )
    decision = services.decision_record(
        body=cast.lenkungskreis,
        meeting=meeting,
        title="Roadmap: Roadmap Licht",
        text="Der Lenkungskreis **beschließt** die Roadmap.",
        outcome="angenommen",
        votes_yes=6,
        votes_abstain=1,
        decided_by=cast.staff,
        roadmap=roadmap,
        recommendation=recommendation,
    )
    html = client.get(f"/gremien/beschluesse/{decision.pk}/").content.decode()
    assert cast.lenkungskreis.name in html and "Frühjahrssitzung" in html
    assert timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y") in html
    assert "6 Ja, 0 Nein, 1 Enthaltungen" in html and "<strong>beschließt</strong>" in html
    assert f'href="/roadmaps/{roadmap.pk}/"' in html
    assert "Der Beschluss folgt der Empfehlung." in html
    # The public sees the meeting's name, not a link to the members' meeting page.
    assert reverse("governance:meeting_detail", args=[meeting.pk]) not in html
    # The list and the public roadmap link to the decision page.
    listing = client.get(reverse("governance:decision_list")).content.decode()
    assert f'href="/gremien/beschluesse/{decision.pk}/"' in listing
    public_roadmap = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert f'href="/gremien/beschluesse/{decision.pk}/"' in public_roadmap
    assert cast.lenkungskreis.name in public_roadmap


def test_a_non_public_decision_is_for_members_staff_and_ministry_only(client, cast):
    decision = services.decision_record(
        body=cast.board_a,
        meeting=MeetingFactory(body=cast.board_a, days=-1),
        title="Interne Rückgabe",
        outcome="zurueckgegeben",
        decided_by=cast.staff,
        is_public=False,
    )
    url = reverse("governance:decision_detail", kwargs={"pk": decision.pk})
    assert client.get(url).status_code == 404
    assert (
        "Interne Rückgabe" not in client.get(reverse("governance:decision_list")).content.decode()
    )
    client_for(client, cast.board)
    assert "nicht öffentlich" in client.get(url).content.decode()
