from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem


def items(roles):
    result = [NavItem(_("Berichte"), "reports:download_centre", "reports")]
    if roles.can_view_draft_reports:
        result.append(
            NavItem(_("Berichtserstellung"), "reports:report_workspace", "report_workspace")
        )
    return result
