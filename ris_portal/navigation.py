"""Main navigation by role. Each app contributes items in `<app>/navigation.py`.

An app module defines `items(roles) -> list[NavItem]`; the order of `INSTALLED_APPS` is the menu
order (the wiring names no app: `extensions.app_modules` finds them).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .extensions import app_modules
from .roles import UserRoles


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
    for module in app_modules("navigation"):
        if module.__name__ != __name__:  # the wiring's own items come first (above)
            items.extend(module.items(roles))
    path = getattr(request, "path", "")
    result = []
    for item in items:
        url = item.url
        active = path == url if url == "/" else path.startswith(url)
        result.append({"label": item.label, "url": url, "key": item.key, "active": active})
    return result
