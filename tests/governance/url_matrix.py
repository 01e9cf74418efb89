import datetime

from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import DevelopmentGoal, ForumEvent
from tests.factories import NeedFactory, RoadmapFactory
from tests.governance.factories import (
    DevelopmentGoalFactory,
    ForumEventFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RecommendationFactory,
    RegistrationFactory,
    ReviewRoundFactory,
)
from tests.matrix import PUBLIC, STAFF_ONLY, Case, expect

LOGGED_IN = expect(302, 200, 200, 200, 200, 200, 200)
WORKSPACE = expect(302, 403, 200, 200, 200, 200, 200)
# Work of board A: its members, ministry and staff; everybody else 404 (not 403).
OWN_BOARD = expect(302, 404, 200, 404, 200, 200, 200)
FOREIGN_BOARD = expect(302, 404, 404, 404, 200, 200, 200)
DECIDERS = expect(302, 403, 403, 200, 403, 200, 200)
BEFORE_MEETING = expect(302, 403, 403, 403, 403, 302, 302)
# Answering an invitation: members of the meeting's body only (board A's member here).
MEMBERS_OF_A = expect(302, 404, 200, 404, 404, 404, 404)
NOT_MEMBER = expect(302, 404, 404, 404, 404, 404, 404)


def world(cast) -> dict:
    event = ForumEventFactory(slug="forum-matrix")
    meeting_a = MeetingFactory(body=cast.board_a)
    meeting_b = MeetingFactory(body=cast.board_b)
    return {
        "meeting_past": MeetingFactory(body=cast.board_a, days=-1),
        "reply_link": services.reply_token(meeting_id=meeting_a.pk, user_id=cast.board.pk),
        "meeting_a": meeting_a,
        "meeting_b": meeting_b,
        "document_a": MeetingDocumentFactory(meeting=meeting_a, uploaded_by=cast.staff),
        "document_withdrawn": services.document_withdraw(
            document=MeetingDocumentFactory(meeting=meeting_a, uploaded_by=cast.staff, title="Alt")
        ),
        "round_a": ReviewRoundFactory(
            body=cast.board_a, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_a)]
        ),
        "round_closed": services.review_round_close(
            round_=ReviewRoundFactory(
                body=cast.board_a,
                created_by=cast.staff,
                needs=[NeedFactory(theme__field=cast.field_a)],
            ),
            reason="Matrix",
        ),
        "round_b": ReviewRoundFactory(
            body=cast.board_b, created_by=cast.staff, needs=[NeedFactory(theme__field=cast.field_b)]
        ),
        "roadmap_draft": RoadmapFactory(submitted=True, network__theme__field=cast.field_a),
        "roadmap_submitted": RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.SUBMITTED
        ),
        "roadmap_approved": RoadmapFactory(
            submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.APPROVED
        ),
        "goal": DevelopmentGoalFactory(field=cast.field_a, title="Ziel"),
        **_decisions_and_recommendations(cast, meeting_a),
        "goal_submitted": DevelopmentGoalFactory(
            field=cast.field_a, title="Ziel 2", status=DevelopmentGoal.Status.SUBMITTED
        ),
        "event": event,
        "event_past": _past_event(),
        "registration": RegistrationFactory(event=event, name="Erika", email="erika@example.org"),
        "pending": services.registration_create(
            event=event, name="Max", email="max@example.org", privacy_consent=True
        ),
    }


def _decisions_and_recommendations(cast, meeting_a) -> dict:
    """A public and a non-public decision (of board A), recommendations in every state."""
    past = MeetingFactory(body=cast.board_a, days=-3)
    under_review = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.BOARD_REVIEW
    )
    published = RoadmapFactory(
        submitted=True, network__theme__field=cast.field_a, status=Roadmap.Status.PUBLISHED
    )
    return {
        "decision_public": services.decision_record(
            body=cast.board_a,
            meeting=past,
            title="Öffentlich",
            outcome="angenommen",
            decided_by=cast.staff,
            roadmap=published,
        ),
        "decision_internal": services.decision_record(
            body=cast.board_a,
            meeting=past,
            title="Intern",
            outcome="zurueckgegeben",
            decided_by=cast.staff,
            is_public=False,
        ),
        "roadmap_review": under_review,
        # Given on a draft: members of board A, staff, ministry and the Lenkungskreis.
        "recommendation_given": services.recommendation_record(
            subject=under_review,
            meeting=past,
            outcome="zustimmung",
            rationale="Gut",
            recorded_by=cast.staff,
        ),
        # On a published roadmap: public.
        "recommendation_public": RecommendationFactory(
            body=cast.board_a,
            roadmap=published,
            procedure="sitzung",
            meeting=past,
            outcome="zustimmung",
            rationale="Gut",
            given_at=past.starts_at,
        ),
        # Online round still open: members of board A, staff and ministry only.
        "recommendation_open": services.recommendation_round_open(
            subject=RoadmapFactory(
                submitted=True,
                network__theme__field=cast.field_a,
                status=Roadmap.Status.BOARD_REVIEW,
            ),
            deadline=timezone.now() + datetime.timedelta(days=7),
            recorded_by=cast.staff,
        ),
    }


def _past_event():
    from django.utils import timezone

    event = ForumEventFactory(slug="forum-vorbei")
    ForumEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=3),
    )
    return ForumEvent.objects.get(pk=event.pk)


def _confirm(key):
    return lambda cast, w: {"slug": w["event"].slug, "token": w[key].confirmation_token}


def _pk(key):
    return lambda cast, w: {"pk": w[key].pk}


CASES = [
    Case("governance:body_list", PUBLIC),
    Case("governance:body_public", PUBLIC, kwargs=lambda c, w: {"slug": c.board_a.slug}),
    Case("governance:decision_list", PUBLIC),
    # Public decisions for everybody; the others only for the body's members, staff, ministry.
    Case("governance:decision_detail", PUBLIC, kwargs=_pk("decision_public"), label="public"),
    Case(
        "governance:decision_detail",
        expect(404, 404, 200, 404, 200, 200, 200),
        kwargs=_pk("decision_internal"),
        label="internal",
    ),
    Case(
        "governance:recommendation_detail",
        PUBLIC,
        kwargs=_pk("recommendation_public"),
        label="published-roadmap",
    ),
    Case(
        "governance:recommendation_detail",
        expect(404, 404, 200, 200, 200, 200, 200),
        kwargs=_pk("recommendation_given"),
        label="given",
    ),
    Case(
        "governance:recommendation_detail",
        expect(404, 404, 200, 404, 200, 200, 200),
        kwargs=_pk("recommendation_open"),
        label="open-round",
    ),
    # Only active members of the board vote; the others are refused (404 out of scope, or
    # the vote is refused with a message and a redirect).
    Case(
        "governance:recommendation_vote",
        expect(302, 404, 302, 404, 302, 302, 302),
        kwargs=_pk("recommendation_open"),
        method="post",
        data=lambda c, w: {"choice": "zustimmung"},
    ),
    Case("governance:event_list", PUBLIC),
    Case("governance:event_public", PUBLIC, kwargs=lambda c, w: {"slug": w["event"].slug}),
    # The confirmation link works for whoever holds it (the e-mail is the credential).
    Case("governance:registration_confirm", PUBLIC, kwargs=_confirm("pending"), label="valid"),
    Case(
        "governance:registration_confirm",
        expect(302, 302, 302, 302, 302, 302, 302),
        kwargs=_confirm("pending"),
        method="post",
        label="confirm",
    ),
    Case(
        "governance:registration_confirm",
        expect(404, 404, 404, 404, 404, 404, 404),
        kwargs=lambda c, w: {"slug": w["event"].slug, "token": "ungueltig"},
        label="unknown",
    ),
    Case("governance:my_bodies", LOGGED_IN),
    Case("governance:meeting_detail", OWN_BOARD, kwargs=_pk("meeting_a"), label="own"),
    Case("governance:meeting_detail", FOREIGN_BOARD, kwargs=_pk("meeting_b"), label="foreign"),
    Case("governance:meeting_ics", OWN_BOARD, kwargs=_pk("meeting_a"), label="own"),
    Case("governance:meeting_ics", FOREIGN_BOARD, kwargs=_pk("meeting_b"), label="foreign"),
    Case("governance:document_download", OWN_BOARD, kwargs=_pk("document_a")),
    Case("governance:review_list", WORKSPACE),
    Case("governance:review_detail", OWN_BOARD, kwargs=_pk("round_a"), label="own"),
    Case("governance:review_detail", FOREIGN_BOARD, kwargs=_pk("round_b"), label="foreign"),
    Case("governance:review_create", STAFF_ONLY, kwargs=lambda c, w: {"slug": c.board_a.slug}),
    Case("governance:review_close", STAFF_ONLY, kwargs=_pk("round_a")),
    # Priorities are taken over from a closed round (404 for an open one: nothing to take).
    Case("governance:review_apply", STAFF_ONLY, kwargs=_pk("round_closed")),
    Case(
        "governance:review_apply",
        expect(302, 403, 403, 403, 403, 404, 404),
        kwargs=_pk("round_a"),
        label="open",
    ),
    # Results export: who sees the round's page, once it is closed.
    *[
        Case(
            "governance:review_export",
            OWN_BOARD,
            kwargs=lambda c, w, fmt=fmt: {"pk": w["round_closed"].pk, "fmt": fmt},
            label=fmt,
        )
        for fmt in ("csv", "xlsx")
    ],
    Case(
        "governance:review_export",
        expect(302, 404, 404, 404, 404, 404, 404),
        kwargs=lambda c, w: {"pk": w["round_a"].pk, "fmt": "csv"},
        label="open",
    ),
    Case("governance:body_manage", STAFF_ONLY, kwargs=lambda c, w: {"slug": c.board_a.slug}),
    Case("governance:member_invite", STAFF_ONLY, kwargs=lambda c, w: {"slug": c.board_a.slug}),
    Case("governance:meeting_create", STAFF_ONLY, kwargs=lambda c, w: {"slug": c.board_a.slug}),
    Case("governance:meeting_list", STAFF_ONLY),
    Case("governance:meeting_update", STAFF_ONLY, kwargs=_pk("meeting_a")),
    Case("governance:agenda_item_create", STAFF_ONLY, kwargs=_pk("meeting_a")),
    Case("governance:document_upload", STAFF_ONLY, kwargs=_pk("meeting_a")),
    # Attendance, minutes and decisions exist from the meeting's date on: before it, staff are
    # sent back to the meeting page.
    *[
        case
        for name in ("attendance_edit", "decision_create", "minutes_edit", "minutes_approve")
        for case in (
            Case(f"governance:{name}", STAFF_ONLY, kwargs=_pk("meeting_past"), label="past"),
            Case(f"governance:{name}", BEFORE_MEETING, kwargs=_pk("meeting_a"), label="future"),
        )
    ],
    Case("governance:meeting_reply", MEMBERS_OF_A, kwargs=_pk("meeting_a"), label="own"),
    Case("governance:meeting_reply", NOT_MEMBER, kwargs=_pk("meeting_b"), label="foreign"),
    # The signed link in the invitation is the credential of the member it names.
    Case(
        "governance:meeting_reply_link",
        PUBLIC,
        kwargs=lambda c, w: {"pk": w["meeting_a"].pk, "token": w["reply_link"]},
    ),
    Case(
        "governance:meeting_reply_link",
        expect(404, 404, 404, 404, 404, 404, 404),
        kwargs=lambda c, w: {"pk": w["meeting_b"].pk, "token": w["reply_link"]},
        label="other-meeting",
    ),
    Case("reports:meeting_agenda_pdf", OWN_BOARD, kwargs=_pk("meeting_a"), label="own"),
    Case("reports:meeting_agenda_pdf", FOREIGN_BOARD, kwargs=_pk("meeting_b"), label="foreign"),
    # Draft minutes: staff only, after the meeting; members get them once approved.
    Case(
        "reports:meeting_minutes_pdf",
        expect(302, 404, 404, 404, 404, 200, 200),
        kwargs=_pk("meeting_past"),
    ),
    Case("governance:meeting_invite", STAFF_ONLY, kwargs=_pk("meeting_a")),
    Case("governance:meeting_cancel", STAFF_ONLY, kwargs=_pk("meeting_a")),
    Case(
        "governance:meeting_cancel",
        expect(302, 403, 403, 403, 403, 302, 302),
        kwargs=_pk("meeting_a"),
        method="post",
        data=lambda c, w: {"version": w["meeting_a"].version, "reason": "Terminkonflikt"},
        label="post",
    ),
    Case("governance:document_withdraw", STAFF_ONLY, kwargs=_pk("document_a")),
    Case("governance:document_restore", STAFF_ONLY, kwargs=_pk("document_withdrawn")),
    Case(
        "governance:document_restore",
        expect(302, 403, 403, 403, 403, 302, 302),
        kwargs=_pk("document_withdrawn"),
        method="post",
        data=lambda c, w: {"version": 1},
        label="post",
    ),
    Case(
        "governance:document_withdraw",
        expect(302, 403, 403, 403, 403, 302, 302),
        kwargs=_pk("document_a"),
        method="post",
        data=lambda c, w: {"version": 1},
        label="post",
    ),
    Case("governance:approval_list", DECIDERS),
    Case("governance:roadmap_submit", STAFF_ONLY, kwargs=_pk("roadmap_draft")),
    Case("governance:roadmap_decide", DECIDERS, kwargs=_pk("roadmap_submitted")),
    Case("governance:roadmap_publish", STAFF_ONLY, kwargs=_pk("roadmap_approved")),
    Case("governance:roadmap_history", DECIDERS, kwargs=_pk("roadmap_submitted")),
    Case(
        "governance:recommendation_record",
        STAFF_ONLY,
        kwargs=lambda c, w: {"kind": "roadmap", "pk": w["roadmap_review"].pk},
    ),
    Case(
        "governance:recommendation_record",
        STAFF_ONLY,
        kwargs=lambda c, w: {"kind": "ziel", "pk": w["goal"].pk},
        label="goal",
    ),
    Case(
        "governance:recommendation_round_open",
        STAFF_ONLY,
        kwargs=lambda c, w: {"kind": "roadmap", "pk": w["roadmap_review"].pk},
    ),
    Case("governance:recommendation_close", STAFF_ONLY, kwargs=_pk("recommendation_open")),
    Case("governance:goal_list", DECIDERS),
    Case("governance:goal_create", STAFF_ONLY),
    Case("governance:goal_update", STAFF_ONLY, kwargs=_pk("goal")),
    Case("governance:goal_submit", STAFF_ONLY, kwargs=_pk("goal")),
    Case("governance:goal_decide", DECIDERS, kwargs=_pk("goal_submitted")),
    # A draft goal was never given to the steering committee: 404 for it (tests/access/).
    Case(
        "governance:goal_history",
        expect(302, 403, 403, 404, 403, 200, 200),
        kwargs=_pk("goal"),
        label="draft",
    ),
    Case("governance:goal_history", DECIDERS, kwargs=_pk("goal_submitted"), label="submitted"),
    Case("governance:event_manage_list", STAFF_ONLY),
    Case("governance:event_create", STAFF_ONLY),
    Case("governance:event_update", STAFF_ONLY, kwargs=_pk("event")),
    Case("governance:event_participants", STAFF_ONLY, kwargs=_pk("event")),
    Case("governance:event_cancel", STAFF_ONLY, kwargs=_pk("event")),
    Case(
        "governance:event_cancel",
        expect(302, 403, 403, 403, 403, 302, 302),
        kwargs=_pk("event"),
        method="post",
        data=lambda c, w: {"version": w["event"].version, "reason": "Raum nicht verfügbar"},
        label="post",
    ),
    Case("governance:registration_cancel", STAFF_ONLY, kwargs=_pk("registration")),
    # Attendance is ticked from the event's start on; before it staff are sent back.
    Case("governance:event_attendance", STAFF_ONLY, kwargs=_pk("event_past")),
    Case(
        "governance:event_attendance",
        expect(302, 403, 403, 403, 403, 302, 302),
        kwargs=_pk("event"),
        label="future",
    ),
    # The participant's own cancel link (from the confirmation): the link is the credential.
    Case(
        "governance:registration_self_cancel",
        PUBLIC,
        kwargs=lambda c, w: {
            "slug": w["event"].slug,
            "token": w["registration"].confirmation_token,
        },
    ),
    Case(
        "governance:registration_self_cancel",
        expect(302, 302, 302, 302, 302, 302, 302),
        kwargs=lambda c, w: {
            "slug": w["event"].slug,
            "token": w["registration"].confirmation_token,
        },
        method="post",
        label="post",
    ),
    Case(
        "governance:registration_self_cancel",
        expect(404, 404, 404, 404, 404, 404, 404),
        kwargs=lambda c, w: {"slug": w["event"].slug, "token": "x" * 30},
        label="unknown",
    ),
    Case("governance:event_participants_csv", STAFF_ONLY, kwargs=_pk("event")),
]
