"""The access policy of DESIGN.md section 3, written once as data for the object-access test.

An object is seen by an *audience* (a function of role, state and scope); a URL has a *rule*:
the capability it needs (None: a public URL) and the audience of the object it shows. The
expected status follows from both, in the order the views apply them:

- anonymous visitors of a non-public URL → 302 to the login page;
- a role that never has the URL's capability → 403 (independent of the object, so it tells
  nothing about whether the object exists);
- the object is outside the role's audience (other field, other body, not yet submitted, …)
  → 404, never 403: out of scope looks exactly like "does not exist";
- otherwise the URL's own answer (`ok`): 200 for a page, 302 for a POST or for an action that
  the object's state does not allow (the page redirects with a message).

Scopes: "a" is field A / its Strategiebeirat (the board member's own), "b" field B / its board
(out of the board member's scope), "lk" the Lenkungskreis, "-" objects that belong to no field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.conftest import Cast

ANONYMOUS, USER, BOARD, STEERING, MINISTRY, STAFF, SUPERUSER = Cast.ROLES
ROLES = Cast.ROLES

# Capabilities of ris_portal.roles.UserRoles, per role of the standard cast.
CAPABILITIES: dict[str, frozenset[str]] = {
    "login": frozenset(ROLES) - {ANONYMOUS},
    "workspace": frozenset({BOARD, STEERING, MINISTRY, STAFF, SUPERUSER}),
    "dashboards": frozenset({STEERING, MINISTRY, STAFF, SUPERUSER}),
    # A field's dashboard: board members too (their own field only).
    "field_dashboards": frozenset({BOARD, STEERING, MINISTRY, STAFF, SUPERUSER}),
    "draft_reports": frozenset({STEERING, MINISTRY, STAFF, SUPERUSER}),
    "decide": frozenset({STEERING, STAFF, SUPERUSER}),
    # Comments on the office's draft assessments (before the report is published).
    "comment_narratives": frozenset({STEERING, STAFF, SUPERUSER}),
    "edit": frozenset({STAFF, SUPERUSER}),
}

Audience = Callable[[str, str, str], bool]  # (role, state, scope) -> may see the object


# --- audiences --------------------------------------------------------------------------------


def everyone(role: str, state: str, scope: str) -> bool:
    return True


def nobody(role: str, state: str, scope: str) -> bool:
    return False


def staff(role: str, state: str, scope: str) -> bool:
    return role in (STAFF, SUPERUSER)


def field_internal(role: str, state: str, scope: str) -> bool:
    """Internals of a field: its board's members, the ministry and staff (DESIGN §3 row 3)."""
    return role in (MINISTRY, STAFF, SUPERUSER) or (role == BOARD and scope == "a")


def body_work(role: str, state: str, scope: str) -> bool:
    """Meetings, documents and review rounds: the body's members, the ministry and staff."""
    return (
        role in (MINISTRY, STAFF, SUPERUSER)
        or (role == BOARD and scope == "a")
        or (role == STEERING and scope == "lk")
    )


def in_states(*states: str) -> Audience:
    return lambda role, state, scope: state in states


def in_scopes(*scopes: str) -> Audience:
    return lambda role, state, scope: scope in scopes


def not_in_states(*states: str) -> Audience:
    return lambda role, state, scope: state not in states


def all_of(*audiences: Audience) -> Audience:
    return lambda role, state, scope: all(a(role, state, scope) for a in audiences)


def any_of(*audiences: Audience) -> Audience:
    return lambda role, state, scope: any(a(role, state, scope) for a in audiences)


def roles(*names: str) -> Audience:
    return lambda role, state, scope: role in names


# Submitted to the Lenkungskreis (or decided since): what the steering committee may see of
# roadmaps and goals. A draft it was never given stays invisible to it (404).
SUBMITTED_OR_LATER = ("submitted", "approved", "published", "returned", "superseded")


def steering_after_submission(role: str, state: str, scope: str) -> bool:
    return role == STEERING and state in SUBMITTED_OR_LATER


# --- outcomes ---------------------------------------------------------------------------------

Outcome = Callable[[str, str], int]  # (role, state) -> status


def when(states, then: int, otherwise: int) -> Outcome:
    states = (states,) if isinstance(states, str) else tuple(states)
    return lambda role, state: then if state in states else otherwise


def for_roles(names, then: int, otherwise: int) -> Outcome:
    return lambda role, state: then if role in names else otherwise


@dataclass(frozen=True)
class Rule:
    """What a URL needs and shows; `expected()` derives the status for a role and an object."""

    capability: str | None
    audience: Audience = everyone
    ok: int | Outcome = 200
    # Public URLs: an object outside the audience sends anonymous visitors to the login page
    # (logging in may help, e.g. a draft report) instead of answering 404.
    anonymous_login: bool = False

    def expected(self, role: str, state: str, scope: str) -> int:
        if self.capability is None:
            if self.audience(role, state, scope):
                return self._ok(role, state)
            return 302 if (role == ANONYMOUS and self.anonymous_login) else 404
        if role == ANONYMOUS:
            return 302
        if role not in CAPABILITIES[self.capability]:
            return 403
        if not self.audience(role, state, scope):
            return 404
        return self._ok(role, state)

    def _ok(self, role: str, state: str) -> int:
        return self.ok(role, state) if callable(self.ok) else self.ok


def public(audience: Audience = everyone, **kwargs) -> Rule:
    return Rule(None, audience, **kwargs)


def staff_only(audience: Audience = everyone, ok: int | Outcome = 200) -> Rule:
    return Rule("edit", audience, ok)


def staff_post(audience: Audience = everyone, ok: int | Outcome = 302) -> Rule:
    return Rule("edit", audience, ok)
