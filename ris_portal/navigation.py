"""Main navigation by role. Each app contributes items in `<app>/navigation.py`.

An app module defines `items(roles) -> list[NavItem]`; the order of `APPS` is the menu order.
"""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import UserRoles

APPS = ("fields", "governance", "monitoring", "reports")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    key: str  # stable identifier, used by tests and by the active-state check

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _core_items(roles: UserRoles) -> list[NavItem]:
    items = [NavItem(_("Startseite"), "home", "home")]
    if roles.is_staff:
        items.append(NavItem(_("Rückmeldungen"), "feedback_inbox", "feedback_inbox"))
        items.append(NavItem(_("Einladungen"), "invitation_list", "invitations"))
    return items


def navigation_for(request, roles: UserRoles) -> list[dict]:
    items = _core_items(roles)
    for app in APPS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(module.items(roles))
    path = getattr(request, "path", "")
    result = []
    for item in items:
        url = item.url
        active = path == url if url == "/" else path.startswith(url)
        result.append({"label": item.label, "url": url, "key": item.key, "active": active})
    return result
