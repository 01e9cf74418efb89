"""Public governance pages: bodies, decisions, forum events and registration."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from ris_portal.editing import apply_validation_error
from ris_portal.permissions import PublicDetailView
from ris_portal.ratelimit import RateLimitedFormMixin

from .. import selectors, services
from ..forms import (
    RegistrationForm,
)
from ..models import (
    Body,
    ForumEvent,
)


class BodyListView(ListView):
    template_name = "governance/body/list.html"
    context_object_name = "bodies"
    paginate_by = 25

    def get_queryset(self):
        return selectors.body_list_public()


class BodyPublicView(PublicDetailView):
    """Public page of a body; members are listed only with their consent."""

    selector = selectors.body_detail_public

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = selectors.decisions_public(body_id=self.object.pk)[:10]
        return context


class DecisionListView(ListView):
    """Public list of the decisions (Beschlüsse) of all bodies."""

    template_name = "governance/decision/list.html"
    context_object_name = "decisions"
    paginate_by = 25

    def get_queryset(self):
        body = self.request.GET.get("gremium") or ""
        return selectors.decisions_public(body_id=int(body) if body.isdigit() else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = Body.objects.live().order_by("kind", "name")
        context["selected_body"] = self.request.GET.get("gremium", "")
        return context


class EventListView(ListView):
    template_name = "governance/event/list.html"
    context_object_name = "events"
    paginate_by = 25

    def get_queryset(self):
        return selectors.events_public(when=self.request.GET.get("zeit", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["when"] = self.request.GET.get("zeit", "")
        return context


class RegistrationConfirmView(TemplateView):
    """The link from the registration e-mail: a page with a button, the POST confirms.

    Confirming on GET would let mail scanners that open links confirm on the reader's behalf.
    """

    template_name = "governance/event/registration_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(ForumEvent.objects.live(), slug=kwargs["slug"])
        self.registration = services.registration_pending(event=self.event, token=kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.registration is None:
            response.status_code = 404
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, registration=self.registration, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            registration = services.registration_confirm(event=self.event, token=kwargs["token"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.event.get_absolute_url())
        if registration.status == registration.Status.WAITING:
            messages.warning(
                request,
                _(
                    "Alle Plätze sind vergeben. Sie stehen auf der Warteliste; wir schreiben "
                    "Ihnen, sobald ein Platz frei wird."
                ),
            )
        else:
            messages.success(
                request,
                _("Vielen Dank, Ihre Anmeldung ist bestätigt. Sie erhalten eine E-Mail."),
            )
        return redirect(self.event.get_absolute_url())


class EventPublicView(RateLimitedFormMixin, FormView):
    """Public page of a forum event with the registration form."""

    template_name = "governance/event/public_detail.html"
    form_class = RegistrationForm
    rate_limit_action = "forum_registration"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            ForumEvent.objects.live().select_related("body"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = self.event.registrations.filter(status="bestaetigt").count()
        context.update(
            event=self.event,
            confirmed=confirmed,
            free=max(self.event.capacity - confirmed, 0),
            accepts=(
                self.event.registration_open
                and not self.event.is_cancelled
                and self.event.ends_at >= timezone.now()
            ),
        )
        return context

    def form_valid(self, form):
        try:
            registration = services.registration_create(event=self.event, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.info(
            self.request,
            _(
                "Fast geschafft: Wir haben Ihnen eine E-Mail an %(email)s geschickt. Bitte "
                "bestätigen Sie Ihre Anmeldung über den Link darin (innerhalb von %(hours)s "
                "Stunden); erst dann ist Ihr Platz reserviert."
            )
            % {"email": registration.email, "hours": services.REGISTRATION_CONFIRM_HOURS},
        )
        return redirect(self.event.get_absolute_url())


class RegistrationSelfCancelView(TemplateView):
    """The participant's own link (from the confirmation e-mail): a button, the POST cancels.

    As for confirming, a GET changes nothing (mail scanners open links); the link is the
    credential, so no login is needed.
    """

    template_name = "governance/event/registration_cancel.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(ForumEvent.objects.live(), slug=kwargs["slug"])
        self.registration = services.registration_for_cancel_link(
            event=self.event, token=kwargs["token"]
        )
        if self.registration is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, registration=self.registration, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.registration_cancel(registration=self.registration, by_participant=True)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Ihre Anmeldung ist storniert. Sie erhalten eine Bestätigung per E-Mail."),
            )
        return redirect(self.event.get_absolute_url())
