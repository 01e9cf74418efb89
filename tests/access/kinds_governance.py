"""Object kinds of the governance app in every state (see tests/access/world.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance import models
from tests.factories import BodyFactory, MembershipFactory, ThemeFactory
from tests.governance.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DevelopmentGoalFactory,
    ForumEventFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    ReviewItemFactory,
    ReviewRoundFactory,
)

from .policy import (
    all_of,
    any_of,
    body_work,
    field_internal,
    in_states,
    not_in_states,
    staff,
    steering_after_submission,
)
from .world import Kind, World, days, every_status

BODY_SCOPES = ("a", "b", "lk")


def build_goals(w: World) -> None:
    statuses = every_status(
        models.DevelopmentGoal.Status, archived=models.DevelopmentGoal.Status.DRAFT
    )

    def goal(scope, state, status, marker):
        return DevelopmentGoalFactory(
            field=w.field(scope),
            title=f"Ziel {marker}",
            status=status,
            submitted_at=timezone.now() if state != "draft" else None,
            is_archived=state == "archived",
        )

    w.add_per_status("goal", ("a", "b"), statuses, goal)


def build_bodies(w: World) -> None:
    for scope in BODY_SCOPES:
        marker = w.marker()
        body = w.body(scope)
        body.name = f"Gremium {marker}"
        body.save()
        w.add("body", "active", scope, body, marker)
    for state in ("active", "archived"):
        marker = w.marker()
        forum = BodyFactory(
            kind=models.Body.Kind.FORUM,
            field=None,
            slug=marker.lower(),
            name=f"Forum {marker}",
            is_archived=state == "archived",
        )
        w.add("body", state, "-", forum, marker)


def build_body_members(w: World) -> None:
    """A membership of each body that is current, one that ended yesterday, one archived; and
    one of an archived body (no management page: its memberships answer 404)."""
    for scope in BODY_SCOPES:
        for state in ("current", "ended", "archived"):
            membership = MembershipFactory(
                body=w.body(scope),
                end=timezone.localdate() - datetime.timedelta(days=1) if state == "ended" else None,
                is_archived=state == "archived",
            )
            w.add("body_member", state, scope, membership)
    archived_body = BodyFactory(
        kind=models.Body.Kind.FORUM, field=None, slug="altes-forum", is_archived=True
    )
    w.add("body_member", "body_archived", "-", MembershipFactory(body=archived_body))


def _meeting(w: World, scope: str, *, state: str = "upcoming", title: str = "") -> models.Meeting:
    start = (
        days(-7)
        if state in ("past", "minutes_none", "minutes_draft", "minutes_approved")
        else days(7)
    )
    meeting = MeetingFactory(
        minutes=None,
        body=w.body(scope),
        title=title or f"Sitzung {w.marker()}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Erfurt",
        is_archived=state == "archived",
    )
    if state == "cancelled":
        meeting.cancelled_at = timezone.now()
        meeting.cancellation_reason = "Terminkonflikt"
        meeting.save()
    return meeting


def build_meetings(w: World) -> None:
    for scope in BODY_SCOPES:
        for state in ("upcoming", "past", "cancelled", "archived"):
            marker = w.marker()
            meeting = _meeting(w, scope, state=state, title=f"Sitzung {marker}")
            w.add("meeting", state, scope, meeting, marker)


def build_minutes(w: World) -> None:
    """Minutes are reached through their meeting's URLs: the instances are the meetings."""
    for scope in ("a", "b"):
        for state in ("none", "draft", "approved"):
            meeting = _meeting(w, scope, state=f"minutes_{state}")
            marker = None
            if state != "none":
                marker = w.marker()
                MinutesFactory(
                    meeting=meeting,
                    text=f"Protokolltext {marker}",
                    status=models.Minutes.Status.APPROVED
                    if state == "approved"
                    else models.Minutes.Status.DRAFT,
                    approved_at=timezone.now() if state == "approved" else None,
                )
            w.add("minutes", state, scope, meeting, marker)


def build_agenda_items(w: World) -> None:
    """An item of an open agenda, of a cancelled meeting, of a meeting whose minutes are
    approved ("closed"), one removed (archived) and one of an archived meeting."""
    for scope in BODY_SCOPES:
        for state in ("open", "cancelled", "closed", "archived", "meeting_archived"):
            meeting_state = {
                "cancelled": "cancelled",
                "closed": "minutes_approved",
                "meeting_archived": "archived",
            }.get(state, "upcoming")
            meeting = _meeting(w, scope, state=meeting_state)
            if state == "closed":
                MinutesFactory(
                    meeting=meeting,
                    text="Protokoll",
                    status=models.Minutes.Status.APPROVED,
                    approved_at=timezone.now(),
                )
            marker = w.marker()
            item = AgendaItemFactory(
                meeting=meeting, title=f"TOP {marker}", is_archived=state == "archived"
            )
            w.add("agenda_item", state, scope, item, marker)


def build_documents(w: World) -> None:
    for scope in BODY_SCOPES:
        meeting = _meeting(w, scope)
        for state in ("active", "withdrawn"):
            marker = w.marker()
            document = MeetingDocumentFactory(
                meeting=meeting,
                title=f"Unterlage {marker}",
                kind=models.MeetingDocument.Kind.PROPOSAL,
                uploaded_by=w.cast.staff,
                is_archived=state == "withdrawn",
                content_type="application/pdf",
            )
            w.add("meeting_document", state, scope, document, marker)


def build_decisions(w: World) -> None:
    for scope in ("lk", "a"):
        meeting = _meeting(w, scope, state="past")
        for state in ("public", "internal", "archived"):
            marker = w.marker()
            decision = DecisionFactory(
                body=w.body(scope),
                meeting=meeting,
                title=f"Beschluss {marker}",
                outcome=models.Decision.Outcome.APPROVED,
                is_public=state != "internal",
                is_archived=state == "archived",
            )
            w.add("decision", state, scope, decision, marker)


def build_review_rounds(w: World) -> None:
    for scope in ("a", "b"):
        for state in ("open", "overdue", "closed", "archived"):
            marker = w.marker()
            round_ = ReviewRoundFactory(
                body=w.body(scope),
                title=f"Runde {marker}",
                deadline=days(-1) if state in ("overdue", "closed") else days(7),
                status=models.ReviewRound.Status.CLOSED
                if state == "closed"
                else models.ReviewRound.Status.OPEN,
                closed_at=timezone.now() if state == "closed" else None,
                created_by=w.cast.staff,
                is_archived=state == "archived",
            )
            ReviewItemFactory(round=round_, order=1, theme=ThemeFactory(field=w.field(scope)))
            w.add("review_round", state, scope, round_, marker)


def _event(w: World, *, state: str = "upcoming", title: str = "") -> models.ForumEvent:
    start = days(-30) if state == "past" else days(14)
    marker = title or w.marker()
    return ForumEventFactory(
        slug=marker.lower(),
        title=f"Forum {marker}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Erfurt",
        capacity=10,
        registration_open=state != "closed",
        cancelled_at=timezone.now() if state == "cancelled" else None,
        is_archived=state == "archived",
    )


def build_events(w: World) -> None:
    for state in ("upcoming", "past", "cancelled", "closed", "archived"):
        marker = w.marker()
        w.add("event", state, "-", _event(w, state=state, title=marker), marker)


def build_registrations(w: World) -> None:
    event = _event(w)
    statuses = every_status(models.Registration.Status)

    def registration(scope, state, status, marker):
        return RegistrationFactory(
            event=event,
            name=f"Person {marker}",
            email=f"{marker.lower()}@example.org",
            status=status,
            email_confirmed_at=None if state == "pending" else timezone.now(),
        )

    w.add_per_status("registration", ("-",), statuses, registration)


LIVE = not_in_states("archived")
# A goal's page and the goal list: the field's internal audience in every state, the steering
# committee once the goal was submitted to it (like roadmaps); archived goals nobody but staff.
GOAL_PAGE = all_of(any_of(field_internal, steering_after_submission), LIVE)
GOAL_AUDIENCE = any_of(staff, GOAL_PAGE)

KINDS = [
    Kind(
        "goal",
        ("draft", "submitted", "approved", "returned", "archived"),
        build_goals,
        GOAL_AUDIENCE,
    ),
    Kind("body", ("active", "archived"), build_bodies, any_of(LIVE, staff)),
    Kind(
        "body_member",
        ("current", "ended", "archived", "body_archived"),
        build_body_members,
        staff,
    ),
    Kind(
        "meeting",
        ("upcoming", "past", "cancelled", "archived"),
        build_meetings,
        any_of(all_of(body_work, LIVE), staff),
    ),
    Kind("minutes", ("none", "draft", "approved"), build_minutes, body_work),
    Kind(
        "agenda_item",
        ("open", "cancelled", "closed", "archived", "meeting_archived"),
        build_agenda_items,
        any_of(all_of(body_work, in_states("open", "cancelled", "closed")), staff),
    ),
    Kind(
        "meeting_document",
        ("active", "withdrawn"),
        build_documents,
        any_of(all_of(body_work, in_states("active")), staff),
    ),
    Kind(
        "decision",
        ("public", "internal", "archived"),
        build_decisions,
        any_of(in_states("public"), all_of(body_work, LIVE), staff),
    ),
    Kind(
        "review_round",
        ("open", "overdue", "closed", "archived"),
        build_review_rounds,
        any_of(all_of(body_work, LIVE), staff),
    ),
    Kind(
        "event",
        ("upcoming", "past", "cancelled", "closed", "archived"),
        build_events,
        any_of(LIVE, staff),
    ),
    Kind(
        "registration",
        ("pending", "confirmed", "waiting", "cancelled"),
        build_registrations,
        staff,
    ),
]
