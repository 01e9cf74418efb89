"""Main navigation by role. Each app contributes items in `<app>/navigation.py`.

An app module defines `items(roles) -> list[NavItem]`; the order of `INSTALLED_APPS` is the menu
order (the wiring names no app: `extensions.app_modules` finds them). Items are grouped into a
few menus (one per area: strategy, bodies, monitoring, reports, administration), so that staff
see about eight entries instead of twenty; a group with one item is a plain link. An item's
group is its app's unless it names one. "Meine Aufgaben" (the personal app) carries the number
of open tasks and unread notifications, loaded by htmx after the page (so no page pays for it in
its query budget).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .extensions import app_modules
from .roles import UserRoles

# Groups of the wiring itself; an app's group is labelled by its `GROUP_LABEL` and placed in
# the order of INSTALLED_APPS, between the pinned groups at the start and the end.
FIRST_GROUPS = ("home", "tasks")
LAST_GROUPS = {"admin": _("Verwaltung")}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    key: str  # stable identifier, used by tests and by the active-state check
    group: str = ""  # a pinned group ("home", "tasks", "admin"); empty: the app's group

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _core_items(roles: UserRoles) -> list[NavItem]:
    items = [NavItem(_("Startseite"), "home", "home", group="home")]
    if roles.is_staff:
        items.append(NavItem(_("Rückmeldungen"), "feedback_inbox", "feedback_inbox", "admin"))
        items.append(NavItem(_("Einladungen"), "invitation_list", "invitations", "admin"))
    return items


def navigation_for(request, roles: UserRoles) -> list[dict]:
    """The menu as groups: [{"key", "label", "items": [{label, url, key, active}], "active"}]."""
    entries: list[tuple[str, NavItem]] = [(item.group, item) for item in _core_items(roles)]
    labels: dict[str, str] = dict(LAST_GROUPS)
    order: list[str] = list(FIRST_GROUPS)
    for module in app_modules("navigation"):
        if module.__name__ != __name__:  # the wiring's own items come first (above)
            app = module.__name__.split(".")[0]
            labels[app] = getattr(module, "GROUP_LABEL", "")
            order.append(app)
            entries.extend((item.group or app, item) for item in module.items(roles))
    order += list(LAST_GROUPS)
    path = getattr(request, "path", "")
    groups: dict[str, dict] = {}
    for group, item in entries:
        url = item.url
        active = path == url if url == "/" else path.startswith(url)
        entry = {"label": item.label, "url": url, "key": item.key, "active": active}
        bucket = groups.setdefault(
            group, {"key": group, "label": labels.get(group, ""), "items": [], "active": False}
        )
        bucket["items"].append(entry)
        bucket["active"] = bucket["active"] or active
    # Only the most specific active link is the current page (e.g. not "Gremien" on a body).
    actives = [i for g in groups.values() for i in g["items"] if i["active"]]
    if len(actives) > 1:
        best = max(actives, key=lambda i: len(i["url"]))
        for item in actives:
            item["active"] = item is best
    return sorted(
        groups.values(), key=lambda g: order.index(g["key"]) if g["key"] in order else len(order)
    )
