from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem


def items(roles):
    if roles.can_manage_api_tokens:
        return [NavItem(_("API-Zugänge"), "api:token_list", "api_tokens")]
    return []
