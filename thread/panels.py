"""The "Einordnung in die Strategie" panel, contributed to the lower apps' object pages."""

from __future__ import annotations

from django.template.loader import render_to_string

from ris_portal.panels import register_panel
from ris_portal.roles import roles_for

from . import selectors
from .links import Viewer

BUILDERS = {
    "fields.specializationfield": selectors.thread_for_field,
    "fields.theme": selectors.thread_for_theme,
    "fields.valuenetwork": selectors.thread_for_network,
    "fields.need": selectors.thread_for_need,
    "fields.roadmap": selectors.thread_for_roadmap,
    "fields.measure": selectors.thread_for_measure,
    "monitoring.activity": selectors.thread_for_activity,
    "monitoring.indicator": selectors.thread_for_indicator,
    "governance.decision": selectors.thread_for_decision,
}


def thread_panel(obj, *, request, public: bool) -> str:
    if obj.pk is None:
        return ""
    user = getattr(request, "user", None)
    viewer = Viewer(roles=roles_for(user), public=public)
    thread = BUILDERS[obj._meta.label_lower](viewer, obj)
    return render_to_string(
        "thread/fragment_panel.html", {"thread": thread, "public": public}, request=request
    )


def register_all() -> None:
    for label in BUILDERS:
        register_panel(label, thread_panel)
