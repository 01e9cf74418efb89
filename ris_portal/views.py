"""Base views: home, health, legal pages, accessibility feedback, invitations, errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from . import accounts, emails
from .editing import ServiceFormView
from .emails import notify_staff
from .extensions import home_blocks
from .forms import FeedbackForm, InvitationForm
from .health import health_status
from .lists import CapabilityListView
from .models import FeedbackMessage, Invitation, OutboxMail
from .permissions import capability_required
from .ratelimit import RateLimitedFormMixin


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["home_blocks"] = home_blocks(self.request)
        return context


@never_cache
def healthz(request):
    """Readiness: 200 when every dependency the setup needs answers, else 503 (same JSON)."""
    status = health_status()
    return JsonResponse(status, status=200 if status["status"] == "ok" else 503)


@never_cache
def healthz_live(request):
    """Liveness for container health checks: the process serves requests (no dependencies)."""
    return JsonResponse({"status": "alive"})


class AccessibilityView(RateLimitedFormMixin, FormView):
    """Erklärung zur Barrierefreiheit with the feedback channel required by BGG §12b."""

    template_name = "legal/barrierefreiheit.html"
    form_class = FeedbackForm
    rate_limit_action = "accessibility_feedback"

    def form_valid(self, form):
        with transaction.atomic():  # the message and its notice are stored together
            feedback = form.save()
            notify_staff("emails/feedback_received", {"feedback": feedback})
        messages.success(
            self.request,
            _("Vielen Dank. Ihre Rückmeldung ist bei der Geschäftsstelle eingegangen."),
        )
        return redirect(reverse("accessibility") + "#feedback")


class FeedbackInboxView(CapabilityListView):
    template_name = "staff/feedback_inbox.html"
    queryset = FeedbackMessage.objects.select_related("handled_by")


@require_POST
@capability_required("can_edit_content")
def feedback_mark_handled(request, pk: int):
    feedback = get_object_or_404(FeedbackMessage, pk=pk)
    feedback.handled = True
    feedback.handled_by = request.user
    feedback.save(update_fields=["handled", "handled_by", "updated_at"])
    messages.success(request, _("Die Rückmeldung ist als erledigt markiert."))
    return redirect("feedback_inbox")


class InvitationListView(CapabilityListView):
    template_name = "staff/invitation_list.html"
    queryset = Invitation.objects.select_related("user", "invited_by")


class InvitationCreateView(ServiceFormView):
    form_class = InvitationForm
    heading = gettext_lazy("Person einladen")
    submit_label = gettext_lazy("Einladung senden")
    cancel_url = success_url = reverse_lazy("invitation_list")
    error_field = "email"

    def perform(self, form):
        return accounts.user_invite(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            invited_by=self.request.user,
            group_names=form.group_names(),
        )

    def get_success_message(self) -> str:
        return _("Die Einladung an %(email)s wurde versandt.") % {"email": self.object.user.email}


@require_POST
@capability_required("can_edit_content")
def invitation_resend(request, pk: int):
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        accounts.invitation_resend(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Einladung wurde erneut versandt."))
    return redirect("invitation_list")


class OutboxListView(CapabilityListView):
    """Staff see every e-mail the portal queued: what waits, what failed and why (retry)."""

    template_name = "staff/outbox_list.html"

    def get_queryset(self):
        status = self.request.GET.get("status", "")
        mails = OutboxMail.objects.defer("body_text", "body_html", "attachments")
        if status in OutboxMail.Status.values:
            mails = mails.filter(status=status)
        return mails.order_by("-created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = OutboxMail.Status.choices
        context["selected_status"] = self.request.GET.get("status", "")
        return context


@require_POST
@capability_required("can_edit_content")
def outbox_retry(request, pk: int):
    mail = get_object_or_404(OutboxMail, pk=pk)
    if emails.outbox_retry(mail=mail):
        messages.success(request, _("Die E-Mail wird erneut gesendet."))
    else:
        messages.error(request, _("Nur fehlgeschlagene E-Mails können erneut gesendet werden."))
    return redirect("outbox_list")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
