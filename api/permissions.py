"""Who reads what through the API: the same capabilities as the pages (`ris_portal.roles`).

A token acts for its user. Reading beyond the public data needs the token scope "read";
writing needs the scope of the endpoint *and* the capability of the user's current roles, so
a token stops writing as soon as its user leaves the statistics office or the staff.
"""

from rest_framework import exceptions, permissions

from ris_portal.roles import ANONYMOUS_ROLES, UserRoles, roles_for

from .models import ApiToken


def api_roles(request) -> UserRoles:
    """The roles the request reads with: public without a token or without the read scope."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken) and token.has_scope(ApiToken.Scope.READ):
        return roles_for(request.user)
    return ANONYMOUS_ROLES


class ReadOnlyUnlessScoped(permissions.BasePermission):
    """GET/HEAD/OPTIONS for everybody; a view that writes names `write_scope` and
    `write_capability`."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            capability = getattr(view, "read_capability", "")
            if capability and not getattr(api_roles(request), capability):
                return self._deny(request)
            return True
        scope = getattr(view, "write_scope", "")
        capability = getattr(view, "write_capability", "")
        if not scope or not capability:
            return False
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated()
        if not token.has_scope(scope):
            return False
        return bool(getattr(roles_for(request.user), capability))

    @staticmethod
    def _deny(request):
        if not isinstance(getattr(request, "auth", None), ApiToken):
            raise exceptions.NotAuthenticated()
        return False
