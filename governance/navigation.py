from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem

# The label of this app's menu in the main navigation.
GROUP_LABEL = _("Gremien")


def items(roles):
    entries = [NavItem(_("Gremien"), "governance:body_list", "bodies")]
    if roles.body_ids or roles.is_ministry:
        entries.append(NavItem(_("Meine Gremien"), "governance:my_bodies", "my_bodies"))
    if roles.is_board_member or roles.is_staff or roles.is_ministry:
        entries.append(NavItem(_("Priorisierung"), "governance:review_list", "reviews"))
    if roles.can_decide:
        entries.append(NavItem(_("Beschlussvorlagen"), "governance:approval_list", "approvals"))
    if roles.can_view_internal_workspace:
        # The capability of the goal list (`selectors.goals_for` scopes its rows).
        entries.append(NavItem(_("Entwicklungsziele"), "governance:goal_list", "goals"))
    if roles.is_staff:
        entries.append(NavItem(_("Sitzungen"), "governance:meeting_list", "meetings"))
    entries.append(NavItem(_("Veranstaltungen"), "governance:event_list", "events"))
    return entries
