"""Agenda and minutes of a meeting as tagged PDF/A, through the report's WeasyPrint pipeline.

They live in the reports app (above governance) because they reuse its PDF renderer; the
templates stay with the meetings (`governance/pdf/`).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.views.generic import DetailView

from governance import selectors as governance_selectors
from governance.models import Meeting
from ris_portal.permissions import CapabilityRequiredMixin

from .pdf import render_html_pdf


def _render(template: str, meeting: Meeting, **context) -> bytes:
    # Meeting documents are German, whatever language the requesting user had chosen.
    with translation.override("de"):
        html = render_to_string(
            template,
            {
                "meeting": meeting,
                # The items still on the agenda (a removed one is archived).
                "agenda": meeting.agenda_items.live().select_related("roadmap", "need", "goal"),
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


# --- views -----------------------------------------------------------------------------------
class _MeetingPdfView(CapabilityRequiredMixin, DetailView):
    """A meeting document as tagged PDF, for everybody who may open the meeting."""

    def get_queryset(self):
        return governance_selectors.meetings_for(self.roles)

    def render_pdf(self, meeting) -> bytes:
        raise NotImplementedError

    filename = ""

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        response = HttpResponse(self.render_pdf(meeting), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.filename}-{meeting.pk}.pdf"'
        return response


class MeetingAgendaPdfView(_MeetingPdfView):
    filename = "tagesordnung"

    def render_pdf(self, meeting):
        return meeting_agenda_pdf(meeting)


class MeetingMinutesPdfView(_MeetingPdfView):
    """Approved minutes for all who see the meeting; the draft (marked) for staff only, and
    only from the meeting's date on."""

    filename = "protokoll"

    def render_pdf(self, meeting):
        minutes = getattr(meeting, "minutes", None)
        approved = minutes is not None and minutes.is_approved
        draft_allowed = self.roles.can_edit_content and meeting.starts_at <= timezone.now()
        if not (approved or draft_allowed):
            raise Http404
        return meeting_minutes_pdf(meeting)
