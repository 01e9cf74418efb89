"""Every URL that shows or acts on one object, classified: its object kind and access rule.

`tests/access/test_object_access.py` discovers the URL patterns with an object keyword
(pk, slug, code, token, a report chapter) from the URL conf and fails for any that is not listed here, so a new
URL is covered as soon as it exists. The rules are those of DESIGN.md section 3 (see
`policy.py`); `ok` is what the allowed role gets for an object in the given state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.factories import ActorFactory

from .kinds_fields import ROADMAP_AUDIENCE as ROADMAP_AUDIENCE_ALL
from .kinds_governance import GOAL_PAGE
from .kinds_monitoring import REPORT_PUBLIC, REPORT_WITH_FILE
from .kinds_recommendations import RECOMMENDATION_AUDIENCE
from .policy import (
    BOARD,
    MINISTRY,
    STEERING,
    Rule,
    all_of,
    any_of,
    body_work,
    field_internal,
    for_roles,
    in_scopes,
    in_states,
    not_in_states,
    public,
    roles,
    staff,
    staff_only,
    staff_post,
    steering_after_submission,
    when,
)

# Keyword arguments that name an object; patterns with only other arguments (an export
# format, an import kind) show no single object.
OBJECT_KWARGS = frozenset({"pk", "slug", "code", "token", "chapter"})


@dataclass(frozen=True)
class Access:
    kind: str
    rule: Rule
    method: str = "get"
    data: Callable = lambda obj: {}
    kwargs: Callable | None = None  # obj -> URL kwargs; default: the object's pk/slug/code


def url_name(key: str) -> str:
    """A key of URLS is the URL name, or `name@variant` for a URL that shows objects of more
    than one kind (the recommendation pages of a roadmap and of a goal)."""
    return key.split("@", 1)[0]


LIVE = not_in_states("archived")
EDITABLE_ROADMAP = ("draft", "board_review", "returned")
# Roadmaps in the workspace: the field's internal audience, the steering committee once
# submitted to it (never an archived or unsubmitted one).
ROADMAP_WORKSPACE = any_of(field_internal, all_of(steering_after_submission, LIVE))
# Approval pages (Beschlussvorlagen): staff and, once submitted, the steering committee.
APPROVAL = all_of(any_of(staff, steering_after_submission), LIVE)
REPORT_AUDIENCE = any_of(in_states(*REPORT_PUBLIC), roles(STEERING, MINISTRY), staff)


@dataclass(frozen=True)
class TokenOnly(Rule):
    """API resources behind a token: the API ignores sessions, so 401 for every role."""

    def expected(self, role: str, state: str, scope: str) -> int:
        return 401


API_TOKEN_ONLY = TokenOnly(None)
# The API reads with the public's rights for every logged-in role (tokens are tested in
# tests/api/test_tokens.py against the pages of the token's user).
API_PUBLIC_THEME = public(in_states("active", "highlight", "dormant"))


def _version(obj) -> dict:
    return {"version": obj.version}


def _member(role: str, state: str, scope: str) -> bool:
    """Members of the meeting's body: the board member (board A), the steering committee."""
    return (role == BOARD and scope == "a") or (role == STEERING and scope == "lk")


def _reply_kwargs(meeting) -> dict:
    """The answer link of the body's first active member (none in board B: a stale token)."""
    from governance.models import Membership
    from governance.services import reply_token

    member = Membership.objects.active().filter(body=meeting.body).first()
    user_id = member.user_id if member else 0
    return {"pk": meeting.pk, "token": reply_token(meeting_id=meeting.pk, user_id=user_id)}


def _confirm_kwargs(registration) -> dict:
    return {"slug": registration.event.slug, "token": registration.confirmation_token}


def _narrative_kwargs(narrative) -> dict:
    from reports.narratives import ChapterRef

    ref = ChapterRef(narrative.chapter, narrative.field)
    return {"kind": narrative.kind, "year": narrative.year, "chapter": ref.slug}


def _crud(
    app: str,
    name: str,
    kind: str,
    *,
    detail: Rule | None,
    update: Rule | None = None,
    archive: Rule | None = None,
):
    urls = {
        f"{app}:{name}_update": Access(kind, update or staff_only()),
        f"{app}:{name}_archive": Access(kind, archive or staff_only()),
        f"{app}:{name}_history": Access(kind, staff_only()),
    }
    if detail is not None:
        urls[f"{app}:{name}_detail"] = Access(kind, detail)
    return urls


INTERNAL = Rule("workspace", field_internal)
# Edits of a roadmap and its parts: only while the roadmap is editable (else the page
# redirects to the roadmap with the reason).
EDIT_UNLESS_LOCKED = staff_only(ok=when(EDITABLE_ROADMAP, 200, 302))
# Parts of a roadmap: an archived part lives in a draft roadmap (editable, restorable).
EDIT_PART_UNLESS_LOCKED = staff_only(ok=when((*EDITABLE_ROADMAP, "archived"), 200, 302))
# An agenda item's edit and remove pages: open items only (else back to the meeting page);
# the item of an archived meeting is gone (404).
AGENDA_ITEM_OPEN = staff_only(not_in_states("meeting_archived"), ok=when("open", 200, 302))


def _actor():
    from fields.models import Actor

    number = Actor.objects.count() + 1
    return ActorFactory(name=f"Neue Firma {number}", kind=Actor.Kind.COMPANY)


URLS: dict[str, Access] = {
    # --- portal wiring ----------------------------------------------------------------------
    "feedback_mark_handled": Access("feedback", staff_post(), method="post"),
    "invitation_resend": Access("invitation", staff_post(), method="post"),
    "outbox_retry": Access("outbox_mail", staff_post(), method="post"),
    # --- fields: public ---------------------------------------------------------------------
    "fields:field_public": Access("field", public(LIVE)),
    "fields:roadmap_public": Access("roadmap", public(in_states("published", "superseded"))),
    # --- fields: workspace ------------------------------------------------------------------
    **_crud("fields", "field", "field", detail=INTERNAL),
    "fields:field_portfolio": Access("field", INTERNAL),
    **_crud("fields", "theme", "theme", detail=INTERNAL),
    "fields:theme_highlight": Access(
        "theme", staff_post(), method="post", data=lambda t: {**_version(t), "highlight": "1"}
    ),
    "fields:assessment_create": Access("theme", staff_only()),
    **_crud("fields", "assessment", "assessment", detail=None),
    **_crud("fields", "actor", "actor", detail=staff_only()),
    **_crud("fields", "network", "network", detail=INTERNAL),
    "fields:membership_add": Access(
        "network",
        staff_post(),
        method="post",
        data=lambda n: {"actor": _actor().pk, "role": "hersteller"},
    ),
    "fields:membership_update": Access("network_member", staff_only()),
    "fields:membership_archive": Access("network_member", staff_only()),
    **_crud("fields", "need", "need", detail=INTERNAL),
    **_crud(
        "fields",
        "roadmap",
        "roadmap",
        detail=Rule("workspace", ROADMAP_WORKSPACE),
        update=EDIT_UNLESS_LOCKED,
    ),
    "fields:roadmap_board_review": Access("roadmap", staff_only()),
    "fields:roadmap_back_to_draft": Access("roadmap", staff_only()),
    "fields:roadmap_new_version": Access("roadmap", staff_only()),
    # Board members of the field comment (then redirect); others who see it may not (403).
    # Following: whoever sees the roadmap in the workspace, then back to it.
    "fields:roadmap_follow": Access(
        "roadmap", Rule("workspace", ROADMAP_WORKSPACE, ok=302), method="post"
    ),
    "fields:roadmap_comment": Access(
        "roadmap",
        Rule("workspace", ROADMAP_WORKSPACE, ok=for_roles((BOARD,), 302, 403)),
        method="post",
        data=lambda r: {"text": "Bitte Fachkräfte stärker gewichten."},
    ),
    "fields:action_field_create": Access(
        "roadmap",
        staff_post(),
        method="post",
        data=lambda r: {"new-action-field-title": "Neues Handlungsfeld"},
    ),
    **_crud(
        "fields",
        "action_field",
        "action_field",
        detail=None,
        update=EDIT_PART_UNLESS_LOCKED,
        archive=EDIT_PART_UNLESS_LOCKED,
    ),
    "fields:action_field_move": Access(
        "action_field", staff_post(), method="post", data=lambda a: {"direction": "down"}
    ),
    "fields:measure_create": Access(
        "action_field",
        staff_post(),
        method="post",
        data=lambda a: {
            f"new-measure-{a.pk}-title": "Neue Maßnahme",
            f"new-measure-{a.pk}-status": "geplant",
        },
    ),
    **_crud(
        "fields",
        "measure",
        "measure",
        detail=Rule("workspace", ROADMAP_WORKSPACE),
        update=EDIT_PART_UNLESS_LOCKED,
        archive=EDIT_PART_UNLESS_LOCKED,
    ),
    "fields:measure_move": Access(
        "measure", staff_post(), method="post", data=lambda m: {"direction": "down"}
    ),
    # --- governance: public -----------------------------------------------------------------
    "governance:body_public": Access("body", public(LIVE)),
    "governance:event_public": Access("event", public(LIVE)),
    # The confirmation link works for whoever holds it (the e-mail is the credential).
    # The participant's own cancel link from the confirmation (confirmed or waiting only).
    "governance:registration_self_cancel": Access(
        "registration", public(in_states("confirmed", "waiting")), kwargs=_confirm_kwargs
    ),
    "governance:registration_confirm": Access(
        "registration",
        public(in_states("pending", "confirmed", "waiting")),
        kwargs=_confirm_kwargs,
    ),
    # --- governance: members ----------------------------------------------------------------
    "governance:meeting_detail": Access("meeting", Rule("login", all_of(body_work, LIVE))),
    "governance:meeting_ics": Access("meeting", Rule("login", all_of(body_work, LIVE))),
    "governance:document_download": Access(
        "meeting_document", Rule("login", all_of(body_work, in_states("active")))
    ),
    "governance:review_detail": Access("review_round", Rule("login", all_of(body_work, LIVE))),
    "governance:review_export": Access(
        "review_round",
        Rule("login", all_of(body_work, in_states("closed"))),
        kwargs=lambda r: {"pk": r.pk, "fmt": "csv"},
    ),
    "reports:meeting_agenda_pdf": Access("meeting", Rule("login", all_of(body_work, LIVE))),
    # Approved minutes for the body's audience; the draft for staff (meetings of the past).
    "reports:meeting_minutes_pdf": Access(
        "minutes", Rule("login", any_of(all_of(body_work, in_states("approved")), staff))
    ),
    # Answering an invitation: the members of the meeting's body only (not ministry or staff).
    "governance:meeting_reply": Access("meeting", Rule("login", all_of(_member, LIVE))),
    # The signed link in the invitation names the member: it works without login.
    "governance:meeting_reply_link": Access(
        "meeting", public(all_of(in_scopes("a", "lk"), LIVE)), kwargs=_reply_kwargs
    ),
    # --- governance: staff ------------------------------------------------------------------
    # Review rounds are for the Strategiebeiräte (the bodies of a field) only.
    "governance:review_create": Access("body", staff_only(all_of(LIVE, in_scopes("a", "b")))),
    "governance:review_close": Access("review_round", staff_only(LIVE)),
    "governance:body_manage": Access("body", staff_only(LIVE)),
    "governance:body_update": Access("body", staff_only(LIVE)),
    "governance:member_invite": Access("body", staff_only(LIVE)),
    # Staff correct or end a membership (an ended one can still be corrected; ending it again
    # is refused on the confirmation page).
    "governance:membership_update": Access(
        "body_member", staff_only(not_in_states("archived", "body_archived"))
    ),
    "governance:membership_end": Access(
        "body_member",
        staff_only(not_in_states("archived", "body_archived"), ok=when("ended", 302, 200)),
    ),
    "governance:meeting_create": Access("body", staff_only(LIVE)),
    "governance:meeting_update": Access("meeting", staff_only(LIVE)),
    "governance:agenda_item_create": Access(
        "meeting", staff_only(LIVE, ok=when("cancelled", 302, 200))
    ),
    "governance:document_upload": Access(
        "meeting", staff_only(LIVE, ok=when("cancelled", 302, 200))
    ),
    # Correcting and removing an agenda item: while the agenda is open; a cancelled meeting,
    # approved minutes ("closed") or an item already removed send staff back to the meeting.
    "governance:agenda_item_update": Access("agenda_item", AGENDA_ITEM_OPEN),
    "governance:agenda_item_remove": Access("agenda_item", AGENDA_ITEM_OPEN),
    # Attendance and decisions exist from the meeting's date on: before it, back to the page.
    "governance:attendance_edit": Access(
        "meeting", staff_only(LIVE, ok=when(("cancelled", "upcoming"), 302, 200))
    ),
    "governance:decision_create": Access(
        "meeting", staff_only(LIVE, ok=when(("cancelled", "upcoming"), 302, 200))
    ),
    "governance:review_apply": Access("review_round", staff_only(in_states("closed"))),
    "governance:event_attendance": Access("event", staff_only(LIVE, ok=when("past", 200, 302))),
    "governance:meeting_invite": Access("meeting", staff_only(LIVE)),
    "governance:meeting_cancel": Access("meeting", staff_only(LIVE)),
    # Approved minutes are immutable: the edit page refuses with the reason (403).
    "governance:minutes_edit": Access("minutes", staff_only(ok=when("approved", 403, 200))),
    "governance:minutes_approve": Access("minutes", staff_only(not_in_states("none"))),
    "governance:document_withdraw": Access("meeting_document", staff_only(in_states("active"))),
    "governance:document_restore": Access("meeting_document", staff_only(in_states("withdrawn"))),
    # --- governance: approvals --------------------------------------------------------------
    "governance:roadmap_submit": Access("roadmap", staff_only(LIVE)),
    "governance:roadmap_decide": Access(
        "roadmap", Rule("decide", APPROVAL, ok=when("submitted", 200, 302))
    ),
    "governance:roadmap_publish": Access("roadmap", staff_only(LIVE)),
    "governance:roadmap_history": Access("roadmap", Rule("decide", APPROVAL)),
    # The goal's page and following it: see kinds_governance.GOAL_PAGE.
    "governance:goal_detail": Access("goal", Rule("workspace", GOAL_PAGE)),
    "governance:goal_follow": Access("goal", Rule("workspace", GOAL_PAGE, ok=302), method="post"),
    "governance:goal_update": Access(
        "goal", staff_only(LIVE, ok=when(("draft", "returned"), 200, 302))
    ),
    "governance:goal_submit": Access("goal", staff_only(LIVE)),
    "governance:goal_decide": Access(
        "goal", Rule("decide", APPROVAL, ok=when("submitted", 200, 302))
    ),
    "governance:goal_history": Access("goal", Rule("decide", APPROVAL)),
    # --- governance: forum events -----------------------------------------------------------
    "governance:event_update": Access("event", staff_only(LIVE)),
    "governance:event_cancel": Access("event", staff_only(LIVE)),
    "governance:event_participants": Access("event", staff_only(LIVE)),
    "governance:event_participants_csv": Access("event", staff_only(LIVE)),
    "governance:registration_cancel": Access(
        "registration", staff_only(not_in_states("cancelled"))
    ),
    # --- personal: addressed by a secret, no login -----------------------------------------
    "personal:calendar_feed": Access(
        "calendar_feed", public(in_states("active")), kwargs=lambda s: {"token": s.token}
    ),
    "personal:unsubscribe": Access(
        "unsubscribe_link", public(in_states("valid")), kwargs=lambda s: {"token": s.token}
    ),
    # --- monitoring -------------------------------------------------------------------------
    "monitoring:indicator_public": Access("indicator", public(LIVE)),
    "monitoring:dashboard_field": Access(
        "field",
        Rule("field_dashboards", all_of(LIVE, any_of(field_internal, roles(STEERING)))),
    ),
    "monitoring:activity_update": Access("activity", staff_only(LIVE)),
    "monitoring:activity_history": Access("activity", staff_only()),
    "monitoring:activity_archive": Access("activity", staff_only(LIVE)),
    "monitoring:import_detail": Access("import_batch", staff_only()),
    "monitoring:import_confirm": Access("import_batch", staff_post(), method="post"),
    "monitoring:import_discard": Access("import_batch", staff_post(), method="post"),
    "monitoring:import_rollback": Access("import_batch", staff_only(in_states("imported"))),
    "monitoring:indicator_manage": Access("indicator", staff_only(LIVE)),
    "monitoring:indicator_value_create": Access("indicator", staff_only(LIVE)),
    "monitoring:target_create": Access("indicator", staff_only(LIVE)),
    "monitoring:indicator_value_update": Access("indicator_value", staff_only(LIVE)),
    "monitoring:indicator_value_history": Access("indicator_value", staff_only()),
    "monitoring:target_update": Access("target", staff_only(LIVE)),
    "monitoring:validation_rule": Access("indicator", staff_only(LIVE)),
    "monitoring:validation_rule_history": Access("validation_rule", staff_only()),
    # --- reports ----------------------------------------------------------------------------
    # Published reports are public; drafts for those who see draft reports; anonymous
    # visitors of a draft are asked to log in, everybody else gets 404.
    "reports:report_detail": Access("report", public(REPORT_AUDIENCE, anonymous_login=True)),
    "reports:report_status": Access("report", public(REPORT_AUDIENCE, anonymous_login=True)),
    "reports:report_download": Access(
        "report",
        public(
            any_of(
                all_of(in_states(*REPORT_PUBLIC)),
                all_of(REPORT_AUDIENCE, in_states(*REPORT_WITH_FILE)),
            ),
            anonymous_login=True,
        ),
    ),
    "reports:report_retry": Access("report", staff_post(), method="post"),
    "reports:report_publish": Access("report", staff_only()),
    "reports:narrative_history": Access("narrative", Rule("draft_reports")),
    # A chapter's assessment, addressed by report kind, year and chapter (not by its pk): the
    # page shows the live text (none for an archived one); edits and comments end when the
    # report of that year is published (then back to the chapter with the reason).
    "reports:narrative_chapter": Access(
        "narrative", Rule("draft_reports"), kwargs=_narrative_kwargs
    ),
    "reports:narrative_edit": Access(
        "narrative", staff_only(ok=when("published", 302, 200)), kwargs=_narrative_kwargs
    ),
    "reports:narrative_comment": Access(
        "narrative",
        Rule("comment_narratives", LIVE, ok=302),
        method="post",
        data=lambda n: {"text": "Bitte die Fachkräftelage ergänzen."},
        kwargs=_narrative_kwargs,
    ),
    # --- golden thread (issue 11) -----------------------------------------------------------
    # A measure has a public page once its roadmap is published.
    "fields:measure_public": Access("measure", public(in_states("published", "superseded"))),
    # One page per decision: public ones for everybody, the others for the body's audience.
    "governance:decision_detail": Access(
        "decision", public(all_of(any_of(in_states("public"), body_work, staff), LIVE))
    ),
    "governance:recommendation_detail": Access(
        "recommendation", public(all_of(RECOMMENDATION_AUDIENCE, LIVE))
    ),
    # Whoever sees the recommendation may post; only the board's members are counted (the
    # others are told so on the redirect).
    "governance:recommendation_vote": Access(
        "recommendation",
        Rule("login", all_of(RECOMMENDATION_AUDIENCE, LIVE), ok=302),
        method="post",
        data=lambda r: {"choice": "zustimmung"},
    ),
    "governance:recommendation_close": Access("recommendation", staff_only(in_states("open"))),
    "governance:recommendation_record": Access(
        "roadmap", staff_only(LIVE), kwargs=lambda r: {"kind": "roadmap", "pk": r.pk}
    ),
    "governance:recommendation_round_open": Access(
        "roadmap", staff_only(LIVE), kwargs=lambda r: {"kind": "roadmap", "pk": r.pk}
    ),
    "governance:recommendation_record@goal": Access(
        "goal", staff_only(LIVE), kwargs=lambda g: {"kind": "ziel", "pk": g.pk}
    ),
    "governance:recommendation_round_open@goal": Access(
        "goal", staff_only(LIVE), kwargs=lambda g: {"kind": "ziel", "pk": g.pk}
    ),
    # The results chain of a roadmap: whoever sees the roadmap (never an archived one).
    "thread:roadmap_chain": Access("roadmap", public(all_of(ROADMAP_AUDIENCE_ALL, LIVE))),
    "thread:field_chain": Access("field", public(LIVE)),
    # --- api ----------------------------------------------------------------------------------
    "api:field-detail": Access("field", public(LIVE)),
    "api:theme-detail": Access("theme", API_PUBLIC_THEME),
    "api:network-detail": Access("network", public(LIVE)),
    "api:roadmap-detail": Access("roadmap", public(in_states("published", "superseded"))),
    "api:need-detail": Access("need", API_TOKEN_ONLY),
    "api:body-detail": Access("body", public(LIVE)),
    "api:decision-detail": Access("decision", public(in_states("public"))),
    "api:event-detail": Access("event", public(LIVE)),
    "api:indicator-detail": Access("indicator", public(LIVE)),
    # Publicly only the values of years whose report is published, as on the indicator page.
    "api:indicator-value-detail": Access("indicator_value", public(in_states("locked"))),
    "api:target-detail": Access("target", public(LIVE)),
    "api:report-detail": Access("report", public(in_states(*REPORT_PUBLIC))),
    "api:activity-detail": Access("activity", API_TOKEN_ONLY),
    "api:token_revoke": Access("api_token", staff_only()),
}
