import datetime

from django.utils import timezone

from fields.models import Roadmap
from governance import services
from governance.models import DevelopmentGoal, ForumEvent, Membership
from tests.factories import NeedFactory, RoadmapFactory
from tests.governance.factories import (
    AgendaItemFactory,
    DevelopmentGoalFactory,
    ForumEventFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RecommendationFactory,
    RegistrationFactory,
    ReviewRoundFactory,
)
from tests.matrix import (
    LOGGED_IN,
    NOWHERE,
    PUBLIC,
    REDIRECTED,
    STAFF_ONLY,
    STAFF_ONLY_POST,
    WORKSPACE,
    Case,
    expect,
    pk,
    variants,
)

# Work of board A: its members, ministry and staff; everybody else 404 (not 403).
OWN_BOARD = expect(302, 404, 200, 404, 200, 200, 200)
FOREIGN_BOARD = expect(302, 404, 404, 404, 200, 200, 200)
DECIDERS = expect(302, 403, 403, 200, 403, 200, 200)
BEFORE_MEETING = STAFF_ONLY_POST  # staff are sent back to the meeting page
# Answering an invitation: members of the meeting's body only (board A's member here).
MEMBERS_OF_A = expect(302, 404, 200, 404, 404, 404, 404)
NOT_MEMBER = expect(302, 404, 404, 404, 404, 404, 404)
# Not public (yet): members of board A, ministry and staff; the Lenkungskreis too once it is
# given on a draft; 404 for everybody else, anonymous visitors included.
INTERNAL_OF_A = expect(404, 404, 200, 404, 200, 200, 200)
GIVEN_ON_A_DRAFT = expect(404, 404, 200, 200, 200, 200, 200)
# Taking over priorities from a round still open: nothing to take yet (404 for staff).
NOTHING_TO_APPLY = expect(302, 403, 403, 403, 403, 404, 404)
# A draft goal was never given to the steering committee: 404 for it (tests/access/).
DRAFT_GOAL = expect(302, 403, 403, 404, 403, 200, 200)
# A goal's page: the field's internal audience (board A, ministry, staff) in every state, the
# steering committee once the goal is submitted; field B's goals are out of board A's scope.
GOAL_PAGE_DRAFT = expect(302, 403, 200, 404, 200, 200, 200)
GOAL_PAGE_FOREIGN_DRAFT = expect(302, 403, 404, 404, 200, 200, 200)
GOAL_PAGE_FOREIGN_SUBMITTED = expect(302, 403, 404, 200, 200, 200, 200)


def world(cast) -> dict:
    event = ForumEventFactory(slug="forum-matrix")
    meeting_a = MeetingFactory(body=cast.board_a)
    meeting_b = MeetingFactory(body=cast.board_b)
    return {
        "meeting_past": MeetingFactory(body=cast.board_a, days=-1),
        "reply_link": services.reply_token(meeting_id=meeting_a.pk, user_id=cast.board.pk),
        "meeting_a": meeting_a,
        "meeting_b": meeting_b,
        "agenda_item_a": AgendaItemFactory(meeting=meeting_a, order=1),
        "membership_a": Membership.objects.get(body=cast.board_a, user=cast.board),
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
        "goal_b": DevelopmentGoalFactory(field=cast.field_b, title="Ziel B"),
        "goal_b_submitted": DevelopmentGoalFactory(
            field=cast.field_b, title="Ziel B 2", status=DevelopmentGoal.Status.SUBMITTED
        ),
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
    decisions = {
        key: services.decision_record(
            body=cast.board_a, meeting=past, decided_by=cast.staff, **decision
        )
        for key, decision in (
            ("public", {"title": "Öffentlich", "outcome": "angenommen", "roadmap": published}),
            ("internal", {"title": "Intern", "outcome": "zurueckgegeben", "is_public": False}),
        )
    }
    return {
        "decision_public": decisions["public"],
        "decision_internal": decisions["internal"],
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


def _registration_link(key):
    """The link in the registration's e-mail: the event and the registration's token."""
    return lambda cast, w: {"slug": w["event"].slug, "token": w[key].confirmation_token}


def _board_a(cast, w):
    return {"slug": cast.board_a.slug}


def _cancel(name, key, reason):
    """Staff cancel the world's meeting or event `key` (its current version and a reason)."""
    return Case.staff_post(
        name, pk(key), data=lambda c, w: {"version": w[key].version, "reason": reason}, label="post"
    )


# A recommendation's subject: a roadmap or a development goal ("ziel").
def _roadmap_under_review(cast, w):
    return {"kind": "roadmap", "pk": w["roadmap_review"].pk}


def _goal(cast, w):
    return {"kind": "ziel", "pk": w["goal"].pk}


def _own_and_foreign(name, own, foreign):
    """Board A's object (its members see it) and board B's (out of their scope: 404)."""
    return variants(name, ("own", OWN_BOARD, pk(own)), ("foreign", FOREIGN_BOARD, pk(foreign)))


CASES = [
    Case("governance:body_list", PUBLIC),
    Case("governance:body_public", PUBLIC, kwargs=_board_a),
    Case("governance:decision_list", PUBLIC),
    # Public decisions for everybody; the others only for the body's members, staff, ministry.
    *variants(
        "governance:decision_detail",
        ("public", PUBLIC, pk("decision_public")),
        ("internal", INTERNAL_OF_A, pk("decision_internal")),
    ),
    *variants(
        "governance:recommendation_detail",
        ("published-roadmap", PUBLIC, pk("recommendation_public")),
        ("given", GIVEN_ON_A_DRAFT, pk("recommendation_given")),
        ("open-round", INTERNAL_OF_A, pk("recommendation_open")),
    ),
    # Only active members of the board vote; the others are refused (404 out of scope, or
    # the vote is refused with a message and a redirect).
    Case(
        "governance:recommendation_vote",
        expect(302, 404, 302, 404, 302, 302, 302),
        kwargs=pk("recommendation_open"),
        method="post",
        data=lambda c, w: {"choice": "zustimmung"},
    ),
    Case("governance:event_list", PUBLIC),
    Case("governance:event_public", PUBLIC, kwargs=lambda c, w: {"slug": w["event"].slug}),
    # The confirmation link works for whoever holds it (the e-mail is the credential).
    Case(
        "governance:registration_confirm",
        PUBLIC,
        kwargs=_registration_link("pending"),
        label="valid",
    ),
    Case(
        "governance:registration_confirm",
        REDIRECTED,
        kwargs=_registration_link("pending"),
        method="post",
        label="confirm",
    ),
    Case(
        "governance:registration_confirm",
        NOWHERE,
        kwargs=lambda c, w: {"slug": w["event"].slug, "token": "ungueltig"},
        label="unknown",
    ),
    Case("governance:my_bodies", LOGGED_IN),
    *_own_and_foreign("governance:meeting_detail", "meeting_a", "meeting_b"),
    *_own_and_foreign("governance:meeting_ics", "meeting_a", "meeting_b"),
    Case("governance:document_download", OWN_BOARD, kwargs=pk("document_a")),
    Case("governance:review_list", WORKSPACE),
    *_own_and_foreign("governance:review_detail", "round_a", "round_b"),
    Case("governance:review_create", STAFF_ONLY, kwargs=_board_a),
    Case("governance:review_close", STAFF_ONLY, kwargs=pk("round_a")),
    # Priorities are taken over from a closed round (404 for an open one: nothing to take).
    Case("governance:review_apply", STAFF_ONLY, kwargs=pk("round_closed")),
    Case("governance:review_apply", NOTHING_TO_APPLY, kwargs=pk("round_a"), label="open"),
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
    *[
        Case(f"governance:{name}", STAFF_ONLY, kwargs=_board_a)
        for name in ("body_manage", "body_update", "member_invite", "meeting_create")
    ],
    *[
        Case(f"governance:{name}", STAFF_ONLY, kwargs=pk("membership_a"))
        for name in ("membership_update", "membership_end")
    ],
    Case("governance:meeting_list", STAFF_ONLY),
    *[
        Case(f"governance:{name}", STAFF_ONLY, kwargs=pk("meeting_a"))
        for name in ("meeting_update", "agenda_item_create", "document_upload")
    ],
    *[
        Case(f"governance:{name}", STAFF_ONLY, kwargs=pk("agenda_item_a"))
        for name in ("agenda_item_update", "agenda_item_remove")
    ],
    Case.staff_post(
        "governance:agenda_item_update",
        pk("agenda_item_a"),
        data=lambda c, w: {"order": 1, "title": "Neu", "version": w["agenda_item_a"].version},
        label="post",
    ),
    Case.staff_post(
        "governance:agenda_item_remove",
        pk("agenda_item_a"),
        data=lambda c, w: {"version": w["agenda_item_a"].version},
        label="post",
    ),
    # Attendance, minutes and decisions exist from the meeting's date on: before it, staff are
    # sent back to the meeting page.
    *[
        case
        for name in ("attendance_edit", "decision_create", "minutes_edit", "minutes_approve")
        for case in (
            Case(f"governance:{name}", STAFF_ONLY, kwargs=pk("meeting_past"), label="past"),
            Case(f"governance:{name}", BEFORE_MEETING, kwargs=pk("meeting_a"), label="future"),
        )
    ],
    Case("governance:meeting_reply", MEMBERS_OF_A, kwargs=pk("meeting_a"), label="own"),
    Case("governance:meeting_reply", NOT_MEMBER, kwargs=pk("meeting_b"), label="foreign"),
    # The signed link in the invitation is the credential of the member it names.
    Case(
        "governance:meeting_reply_link",
        PUBLIC,
        kwargs=lambda c, w: {"pk": w["meeting_a"].pk, "token": w["reply_link"]},
    ),
    Case(
        "governance:meeting_reply_link",
        NOWHERE,
        kwargs=lambda c, w: {"pk": w["meeting_b"].pk, "token": w["reply_link"]},
        label="other-meeting",
    ),
    *_own_and_foreign("reports:meeting_agenda_pdf", "meeting_a", "meeting_b"),
    # Draft minutes: staff only, after the meeting; members get them once approved.
    Case(
        "reports:meeting_minutes_pdf",
        expect(302, 404, 404, 404, 404, 200, 200),
        kwargs=pk("meeting_past"),
    ),
    Case("governance:meeting_invite", STAFF_ONLY, kwargs=pk("meeting_a")),
    Case("governance:meeting_cancel", STAFF_ONLY, kwargs=pk("meeting_a")),
    _cancel("governance:meeting_cancel", "meeting_a", "Terminkonflikt"),
    Case("governance:document_withdraw", STAFF_ONLY, kwargs=pk("document_a")),
    Case("governance:document_restore", STAFF_ONLY, kwargs=pk("document_withdrawn")),
    *[
        Case.staff_post(name, pk(key), data=lambda c, w: {"version": 1}, label="post")
        for name, key in (
            ("governance:document_restore", "document_withdrawn"),
            ("governance:document_withdraw", "document_a"),
        )
    ],
    Case("governance:approval_list", DECIDERS),
    Case("governance:roadmap_submit", STAFF_ONLY, kwargs=pk("roadmap_draft")),
    Case("governance:roadmap_decide", DECIDERS, kwargs=pk("roadmap_submitted")),
    Case("governance:roadmap_publish", STAFF_ONLY, kwargs=pk("roadmap_approved")),
    Case("governance:roadmap_history", DECIDERS, kwargs=pk("roadmap_submitted")),
    Case("governance:recommendation_record", STAFF_ONLY, kwargs=_roadmap_under_review),
    Case("governance:recommendation_record", STAFF_ONLY, kwargs=_goal, label="goal"),
    Case("governance:recommendation_round_open", STAFF_ONLY, kwargs=_roadmap_under_review),
    Case("governance:recommendation_close", STAFF_ONLY, kwargs=pk("recommendation_open")),
    Case("governance:goal_list", WORKSPACE),
    *variants(
        "governance:goal_detail",
        ("draft", GOAL_PAGE_DRAFT, pk("goal")),
        ("submitted", WORKSPACE, pk("goal_submitted")),
        ("foreign-draft", GOAL_PAGE_FOREIGN_DRAFT, pk("goal_b")),
        ("foreign-submitted", GOAL_PAGE_FOREIGN_SUBMITTED, pk("goal_b_submitted")),
    ),
    # Following: whoever may see the goal (like its page), then back to it.
    Case(
        "governance:goal_follow",
        expect(302, 403, 302, 404, 302, 302, 302),
        method="post",
        kwargs=pk("goal"),
        label="draft",
    ),
    Case(
        "governance:goal_follow",
        expect(302, 403, 404, 302, 302, 302, 302),
        method="post",
        kwargs=pk("goal_b_submitted"),
        label="foreign-submitted",
    ),
    Case("governance:goal_create", STAFF_ONLY),
    Case("governance:goal_update", STAFF_ONLY, kwargs=pk("goal")),
    Case("governance:goal_submit", STAFF_ONLY, kwargs=pk("goal")),
    Case("governance:goal_decide", DECIDERS, kwargs=pk("goal_submitted")),
    Case("governance:goal_history", DRAFT_GOAL, kwargs=pk("goal"), label="draft"),
    Case("governance:goal_history", DECIDERS, kwargs=pk("goal_submitted"), label="submitted"),
    Case("governance:event_manage_list", STAFF_ONLY),
    Case("governance:event_create", STAFF_ONLY),
    *[
        Case(f"governance:{name}", STAFF_ONLY, kwargs=pk("event"))
        for name in ("event_update", "event_participants", "event_cancel")
    ],
    _cancel("governance:event_cancel", "event", "Raum nicht verfügbar"),
    Case("governance:registration_cancel", STAFF_ONLY, kwargs=pk("registration")),
    # Attendance is ticked from the event's start on; before it staff are sent back.
    Case("governance:event_attendance", STAFF_ONLY, kwargs=pk("event_past")),
    Case("governance:event_attendance", STAFF_ONLY_POST, kwargs=pk("event"), label="future"),
    # The participant's own cancel link (from the confirmation): the link is the credential.
    Case("governance:registration_self_cancel", PUBLIC, kwargs=_registration_link("registration")),
    Case(
        "governance:registration_self_cancel",
        REDIRECTED,
        kwargs=_registration_link("registration"),
        method="post",
        label="post",
    ),
    Case(
        "governance:registration_self_cancel",
        NOWHERE,
        kwargs=lambda c, w: {"slug": w["event"].slug, "token": "x" * 30},
        label="unknown",
    ),
    Case("governance:event_participants_csv", STAFF_ONLY, kwargs=pk("event")),
]
