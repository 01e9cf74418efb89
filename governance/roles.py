"""Roles from memberships: registered with the wiring in `GovernanceConfig.ready`."""

from ris_portal.roles import Role, RoleGrant

from .models import Body, Membership


def membership_roles(user) -> RoleGrant:
    """A member of a field's Strategiebeirat is a board member of that field; a member of the
    Lenkungskreis belongs to the steering committee (active memberships only, not archived ones,
    like every other reader of memberships)."""
    roles: set[Role] = set()
    board_fields: set[int] = set()
    body_ids: set[int] = set()
    for body_id, kind, field_id in (
        Membership.objects.active()
        .live()
        .filter(user=user)
        .values_list("body_id", "body__kind", "body__field_id")
    ):
        body_ids.add(body_id)
        if kind == Body.Kind.STRATEGY_BOARD and field_id:
            roles.add(Role.BOARD)
            board_fields.add(field_id)
        elif kind == Body.Kind.STEERING:
            roles.add(Role.STEERING)
    return RoleGrant(
        roles=frozenset(roles),
        board_field_ids=frozenset(board_fields),
        body_ids=frozenset(body_ids),
    )
