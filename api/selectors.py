"""What a request may read, per resource: the domain apps' selectors, chosen by the roles.

Nothing here re-implements a visibility rule. Public data comes from the public selectors that
the public pages use; token holders with the read scope additionally get what the workspace
selectors give their roles (scoped to their fields). Archived rows are never part of the API.
"""

from django.db.models import Q

from fields import selectors as fields_selectors
from governance import selectors as governance_selectors
from monitoring import selectors as monitoring_selectors
from reports import selectors as reports_selectors
from ris_portal.roles import UserRoles


def _public_and_workspace(roles: UserRoles, public, workspace):
    """The public rows and, for roles with a workspace, the unarchived rows it shows them."""
    querysets = [public]
    if roles.can_view_internal_workspace:
        querysets.append(workspace(roles).live())
    condition = Q()
    for queryset in querysets:
        condition |= Q(pk__in=queryset.values("pk"))
    return public.model.objects.filter(condition)


def fields_for(roles: UserRoles):
    return fields_selectors.field_list_public()


def themes_for(roles: UserRoles):
    queryset = _public_and_workspace(
        roles, fields_selectors.theme_list_public(), fields_selectors.theme_list_workspace
    )
    return (
        queryset.select_related("field")
        .prefetch_related("potentials", "related_fields")
        .order_by("field__order", "name", "pk")
    )


def networks_for(roles: UserRoles):
    queryset = _public_and_workspace(
        roles, fields_selectors.network_list_public(), fields_selectors.network_list_workspace
    )
    return queryset.select_related("theme__field").order_by("name", "pk")


def roadmaps_for(roles: UserRoles):
    queryset = _public_and_workspace(
        roles, fields_selectors.roadmaps_published(), fields_selectors.roadmap_list_workspace
    )
    return fields_selectors.roadmaps_with_structure(
        queryset.select_related("network__theme__field").order_by("network__name", "-number")
    )


def roadmaps_current_public():
    """Per network only the newest published Fassung (the public field pages list these)."""
    return fields_selectors.roadmap_list_public().values("pk")


def needs_for(roles: UserRoles):
    """Internal (board of the field, ministry, staff): the capability is checked by the view."""
    return (
        fields_selectors.need_list_workspace(roles)
        .live()
        .order_by("theme__field__order", "title", "pk")
    )


def bodies_for(roles: UserRoles):
    # Members only with their public consent, for every role: the API is no member directory.
    return governance_selectors.bodies_public_with_members().order_by(
        "kind", "field__order", "name", "pk"
    )


def decisions_for(roles: UserRoles):
    return governance_selectors.decisions_public().order_by("-decided_at", "-pk")


def events_for(roles: UserRoles):
    return governance_selectors.events_public(when="alle")


def indicators_for(roles: UserRoles):
    return monitoring_selectors.indicator_list_public()


def indicator_values_for(roles: UserRoles):
    return monitoring_selectors.indicator_values_visible(
        published_only=not roles.can_view_unpublished_indicator_values
    )


def targets_for(roles: UserRoles):
    return monitoring_selectors.targets_public()


def reports_for(roles: UserRoles):
    return reports_selectors.report_visible_to(roles).order_by("-year", "kind", "-number", "pk")


def activities_for(roles: UserRoles, *, filters: dict):
    return monitoring_selectors.activity_list(filters=filters).prefetch_related("fields")
