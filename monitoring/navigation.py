from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem

# The label of this app's menu in the main navigation.
GROUP_LABEL = _("Monitoring")


def items(roles):
    result = [NavItem(_("Indikatoren"), "monitoring:indicator_catalogue", "indicators")]
    if roles.can_view_field_dashboard:  # board members: their field's dashboard
        result.append(NavItem(_("Dashboard"), "monitoring:dashboard", "dashboard"))
    if roles.can_view_data_quality:
        result.append(NavItem(_("Datenqualität"), "monitoring:completeness", "data_quality"))
    if roles.can_edit_content:
        result.append(NavItem(_("Aktivitäten"), "monitoring:activity_list", "activities"))
        result.append(NavItem(_("Import"), "monitoring:import", "import"))
    return result
