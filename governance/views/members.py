"""Pages for body members: my bodies, meetings, calendar files, documents."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from ris_portal.files import file_response
from ris_portal.permissions import CapabilityRequiredMixin

from .. import selectors, services
from ..calendar import meeting_ics
from ..models import (
    MeetingDocument,
    ReviewRound,
)


class MyBodiesView(CapabilityRequiredMixin, TemplateView):
    """„Meine Gremien“: the member's bodies, upcoming meetings with documents, open rounds."""

    template_name = "governance/my_bodies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["memberships"] = selectors.my_memberships(user)
        context["meetings"] = selectors.upcoming_meetings_for(self.roles, user)[:20]
        context["all_bodies"] = self.roles.is_ministry or self.roles.is_staff
        context["rounds"] = selectors.review_rounds_for(self.roles, user=user).filter(
            status=ReviewRound.Status.OPEN, body_id__in=self.roles.body_ids
        )
        return context


class MeetingDetailView(CapabilityRequiredMixin, DetailView):
    template_name = "governance/meeting/detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return selectors.meeting_detail_for(self.roles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        context["can_manage"] = self.roles.can_edit_content
        # Staff add, correct and remove items until the meeting is cancelled or its minutes
        # are approved (the minutes are selected with the meeting: no query).
        context["agenda_open"] = not services.agenda_closed_reason(meeting)
        context["started"] = meeting.starts_at <= timezone.now()
        context["is_member"] = meeting.body_id in self.roles.body_ids
        replies = list(meeting.replies.all())  # prefetched with their users
        if context["is_member"]:
            context["my_reply"] = next(
                (r for r in replies if r.user_id == self.request.user.pk), None
            )
        if self.roles.can_edit_content:
            context["quorum"] = services.meeting_quorum(meeting)
            context["replies"] = replies
        return context


class MeetingCalendarView(CapabilityRequiredMixin, DetailView):
    def get_queryset(self):
        return selectors.meetings_for(self.roles)

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        url = request.build_absolute_uri(meeting.get_absolute_url())
        response = HttpResponse(meeting_ics(meeting, url=url), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="sitzung-{meeting.pk}.ics"'
        return response


class DocumentDownloadView(CapabilityRequiredMixin, DetailView):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(
            MeetingDocument.objects.live().filter(meeting__in=selectors.meetings_for(self.roles)),
            pk=kwargs["pk"],
        )
        return file_response(
            document.file,
            filename=document.file.name.split("/")[-1],
            content_type=document.content_type or "application/octet-stream",
        )
