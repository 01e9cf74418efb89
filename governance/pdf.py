"""Agenda and minutes of a meeting as tagged PDF/A (the reports app's WeasyPrint pipeline)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from reports.pdf import render_html_pdf

from .models import Meeting


def _render(template: str, meeting: Meeting, **context) -> bytes:
    # Meeting documents are German, whatever language the requesting user had chosen.
    with translation.override("de"):
        html = render_to_string(
            template,
            {
                "meeting": meeting,
                "agenda": meeting.agenda_items.select_related("roadmap", "need", "goal"),
                "generated_at": timezone.now(),
                "print_css": render_to_string("governance/pdf/print.css"),
                **context,
            },
        )
    return render_html_pdf(html).content


def meeting_agenda_pdf(meeting: Meeting) -> bytes:
    return _render("governance/pdf/agenda.html", meeting)


def meeting_minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes with attendance and decisions; a draft is marked as such on every page."""
    minutes = getattr(meeting, "minutes", None)
    return _render(
        "governance/pdf/minutes.html",
        meeting,
        minutes=minutes,
        attendances=meeting.attendances.select_related("user").order_by("user__last_name"),
        decisions=meeting.decisions.order_by("decided_at", "pk"),
        draft=not (minutes and minutes.is_approved),
    )
