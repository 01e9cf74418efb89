"""Who may do what: the one place where a user's roles and capabilities are resolved.

Roles come from two sources:
- groups for the organisational roles that are not bodies: ThCM staff (`GROUP_STAFF`), the
  ministry (`GROUP_MINISTRY`) and the statistics office (`GROUP_STATISTICS`, which delivers
  indicator values through the API);
- resolvers that apps register (`register_resolver`): the governance app turns active
  memberships in bodies into roles (a member of a field's Strategiebeirat is a board member *of
  that field*; a member of the Lenkungskreis belongs to the steering committee). The wiring
  itself knows nothing of bodies.

Views never look at groups or memberships directly: they ask `roles_for(user)` for a
capability (`can_<verb>_<thing>`) and use `scope_*` helpers so that out-of-scope objects answer
404, not 403 (a board member of field A must not learn that an object of field B exists).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

GROUP_STAFF = "ThCM-Geschäftsstelle"
GROUP_MINISTRY = "Ministerium"
GROUP_STATISTICS = "Statistisches Landesamt"


class Role(StrEnum):
    PUBLIC = "public"
    BOARD = "board"
    STEERING = "steering"
    MINISTRY = "ministry"
    STATISTICS = "statistics"
    STAFF = "staff"
    SUPERUSER = "superuser"


ROLE_LABELS = {
    Role.PUBLIC: _("Öffentlichkeit"),
    Role.BOARD: _("Mitglied eines Strategiebeirats"),
    Role.STEERING: _("Lenkungskreis"),
    Role.MINISTRY: _("Ministerium"),
    Role.STATISTICS: _("Statistisches Landesamt"),
    Role.STAFF: _("ThCM-Geschäftsstelle"),
    Role.SUPERUSER: _("Administration"),
}


# Superusers count as staff.
STAFF_ROLES = (Role.STAFF, Role.SUPERUSER)


class _AnyOf:
    """A property of `UserRoles`: whether the user holds any of the roles."""

    def __init__(self, *roles: Role) -> None:
        self.roles = frozenset(roles)

    def __get__(self, instance: UserRoles, owner: type | None = None) -> bool:
        return not self.roles.isdisjoint(instance.roles)


@dataclass(frozen=True)
class UserRoles:
    """The resolved roles of one user for one request."""

    user_id: int | None = None
    roles: frozenset[Role] = frozenset({Role.PUBLIC})
    board_field_ids: frozenset[int] = field(default_factory=frozenset)
    body_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def labels(self) -> list[str]:
        return [str(ROLE_LABELS[r]) for r in Role if r in self.roles and r != Role.PUBLIC]

    # --- roles ------------------------------------------------------------------------------
    is_staff = _AnyOf(*STAFF_ROLES)
    is_ministry = _AnyOf(Role.MINISTRY)
    is_statistics_office = _AnyOf(Role.STATISTICS)
    is_steering = _AnyOf(Role.STEERING)
    is_board_member = _AnyOf(Role.BOARD)
    is_superuser = _AnyOf(Role.SUPERUSER)

    # --- capabilities: the roles that have them -------------------------------------------
    # Edit fields, themes, networks, roadmaps, bodies, indicators; import; run reports.
    can_edit_content = is_staff
    can_manage_api_tokens = is_staff
    can_view_dashboards = _AnyOf(*STAFF_ROLES, Role.MINISTRY, Role.STEERING)
    can_view_draft_reports = can_view_dashboards
    # Completeness matrix and confirmed plausibility warnings.
    can_view_data_quality = _AnyOf(*STAFF_ROLES, Role.MINISTRY)
    # Comment on the office's draft assessments of a report (before publication).
    can_comment_on_narratives = _AnyOf(*STAFF_ROLES, Role.STEERING)
    # Approve or return goals and roadmaps (steering committee; staff record decisions).
    can_decide = _AnyOf(*STAFF_ROLES, Role.STEERING)
    # Values of years whose report is not published yet: the dashboards' roles, and the
    # statistics office reads back what it delivered.
    can_view_unpublished_indicator_values = _AnyOf(
        *STAFF_ROLES, Role.MINISTRY, Role.STEERING, Role.STATISTICS
    )
    # Deliver indicator values through the API (same service and checks as the import).
    can_write_indicator_values = _AnyOf(*STAFF_ROLES, Role.STATISTICS)
    # May be given an API token (issued and revoked by staff).
    can_hold_api_token = _AnyOf(*STAFF_ROLES, Role.MINISTRY, Role.STATISTICS)
    # Has any non-public area at all (the 'Arbeitsbereich' navigation).
    can_view_internal_workspace = _AnyOf(*STAFF_ROLES, Role.MINISTRY, Role.STEERING, Role.BOARD)

    @property
    def can_view_field_dashboard(self) -> bool:
        """The dashboard of a field: everybody with dashboards, and board members (own field)."""
        return self.can_view_dashboards or bool(self.board_field_ids)

    def can_view_field_internals(self, field_id: int | None) -> bool:
        """Draft roadmaps, needs and meeting documents of a field's board."""
        if self.is_staff or self.is_ministry:
            return True
        return field_id is not None and field_id in self.board_field_ids

    def can_comment_on_field(self, field_id: int | None) -> bool:
        return field_id is not None and field_id in self.board_field_ids

    def can_score_in_board(self, field_id: int | None) -> bool:
        return self.can_comment_on_field(field_id)

    def internal_field_ids(self) -> frozenset[int] | None:
        """Field ids whose internals are visible; None means all fields."""
        if self.is_staff or self.is_ministry:
            return None
        return self.board_field_ids


ANONYMOUS_ROLES = UserRoles()


@dataclass(frozen=True)
class RoleGrant:
    """What a resolver adds for one user: roles, fields of their boards, their bodies."""

    roles: frozenset[Role] = frozenset()
    board_field_ids: frozenset[int] = frozenset()
    body_ids: frozenset[int] = frozenset()


_resolvers: list[Callable[[object], RoleGrant]] = []


def register_resolver(resolver: Callable[[object], RoleGrant]) -> None:
    """Add a source of roles (called from an app's `AppConfig.ready`)."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def _resolve(user) -> UserRoles:
    group_names = set(user.groups.values_list("name", flat=True))
    roles: set[Role] = {Role.PUBLIC}
    if user.is_superuser:
        roles |= {Role.SUPERUSER, Role.STAFF}
    if GROUP_STAFF in group_names:
        roles.add(Role.STAFF)
    if GROUP_MINISTRY in group_names:
        roles.add(Role.MINISTRY)
    if GROUP_STATISTICS in group_names:
        roles.add(Role.STATISTICS)
    board_fields: set[int] = set()
    body_ids: set[int] = set()
    for resolver in _resolvers:
        grant = resolver(user)
        roles |= grant.roles
        board_fields |= grant.board_field_ids
        body_ids |= grant.body_ids
    return UserRoles(
        user_id=user.pk,
        roles=frozenset(roles),
        board_field_ids=frozenset(board_fields),
        body_ids=frozenset(body_ids),
    )


def roles_for(user) -> UserRoles:
    """Resolve once per user object (i.e. once per request) and cache on it."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS_ROLES
    cached = getattr(user, "_ris_roles", None)
    if cached is None:
        cached = _resolve(user)
        user._ris_roles = cached
    return cached
