from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem


def items(roles):
    return [NavItem(_("Offene Daten"), "opendata:index", "open_data")]
