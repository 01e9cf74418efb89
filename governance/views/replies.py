"""Members answer meeting invitations: in the portal (logged in) or from the e-mail link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from ris_portal.editing import apply_validation_error
from ris_portal.permissions import CapabilityRequiredMixin

from .. import selectors, services
from ..forms import MeetingReplyForm
from ..models import Meeting, MeetingReply


class _ReplyMixin:
    template_name = "governance/meeting/reply.html"
    form_class = MeetingReplyForm

    def get_initial(self):
        reply = MeetingReply.objects.filter(meeting=self.meeting, user=self.member).first()
        if reply is None:
            return {"answer": MeetingReply.Answer.ACCEPT}
        return {
            "answer": reply.answer,
            "substitute_name": reply.substitute_name,
            "substitute_email": reply.substitute_email,
            "note": reply.note,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting,
            member=self.member,
            reply=MeetingReply.objects.filter(meeting=self.meeting, user=self.member).first(),
            closed=self.meeting.is_cancelled or self.meeting.starts_at <= timezone.now(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            reply = services.meeting_reply_save(
                meeting=self.meeting, user=self.member, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Ihre Antwort „%(answer)s“ ist gespeichert.")
            % {"answer": reply.get_answer_display()},
        )
        return redirect(self.request.path)


class MeetingReplyView(CapabilityRequiredMixin, _ReplyMixin, FormView):
    """Logged in: the member answers; the meeting must be one of the member's bodies (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.meeting = get_object_or_404(
            selectors.meetings_for(self.roles).filter(body_id__in=self.roles.body_ids),
            pk=kwargs["pk"],
        )
        self.member = request.user
        return super().dispatch(request, *args, **kwargs)


class MeetingReplyLinkView(_ReplyMixin, FormView):
    """From the invitation e-mail: the signed link identifies the member, no login needed."""

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(
            Meeting.objects.live().select_related("body"), pk=kwargs["pk"]
        )
        user_id = services.reply_token_read(kwargs["token"], meeting_id=self.meeting.pk)
        member = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if member is None or not services.is_invited(self.meeting, member):
            raise Http404
        self.member = member
        return super().dispatch(request, *args, **kwargs)
