from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem

# The label of this app's menu in the main navigation.
GROUP_LABEL = _("Strategie")


def items(roles):
    result = []
    if roles.internal_field_ids() is None or roles.board_field_ids:
        # Staff, ministry and board members: the internal content of (their) fields.
        result += [
            NavItem(_("Arbeitsbereich"), "fields:field_list", "workspace"),
            NavItem(_("Themen"), "fields:theme_list", "themes"),
            NavItem(_("Roadmaps"), "fields:roadmap_list", "roadmaps"),
        ]
    elif roles.is_steering:
        result.append(NavItem(_("Roadmaps"), "fields:roadmap_list", "roadmaps"))
    if roles.can_edit_content:
        result.append(NavItem(_("Akteure"), "fields:actor_list", "actors"))
    return result
