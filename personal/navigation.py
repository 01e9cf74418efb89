from django.utils.translation import gettext_lazy as _

from ris_portal.navigation import NavItem


def items(roles):
    if not roles.is_authenticated:
        return []
    return [NavItem(_("Meine Aufgaben"), "personal:tasks", "tasks", group="tasks")]
