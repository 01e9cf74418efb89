from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem

# The label of this app's menu in the main navigation.
GROUP_LABEL = _("Berichte")


def items(roles):
    result = [NavItem(_("Berichte"), "reports:download_centre", "reports")]
    if roles.can_view_draft_reports:
        result.append(
            NavItem(_("Berichtserstellung"), "reports:report_workspace", "report_workspace")
        )
    return result
