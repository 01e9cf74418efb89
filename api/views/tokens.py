"""Staff pages for API tokens: list, issue (the token is shown once) and revoke (confirmed)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from ris_portal.editing import FormPageMixin
from ris_portal.lists import CapabilityListView
from ris_portal.permissions import CapabilityRequiredMixin

from .. import services
from ..forms import TokenForm
from ..models import ApiToken


class TokenListView(CapabilityListView):
    capability = "can_manage_api_tokens"
    template_name = "api/token/list.html"
    context_object_name = "tokens"

    def get_queryset(self):
        return ApiToken.objects.select_related("user", "created_by", "revoked_by")


class TokenCreateView(CapabilityRequiredMixin, FormPageMixin, FormView):
    capability = "can_manage_api_tokens"
    form_class = TokenForm
    heading = gettext_lazy("API-Zugang anlegen")
    submit_label = gettext_lazy("Zugang anlegen")

    def get_cancel_url(self) -> str:
        return reverse("api:token_list")

    def form_valid(self, form):
        try:
            token, raw = services.token_create(
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                created_by=self.request.user,
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                target = field if field in form.fields else None
                if field == "expires_at":
                    target = "expires_on"
                for message in errors:
                    form.add_error(target, message)
            return self.form_invalid(form)
        # Rendered, not redirected: the token must not travel through the session or a URL.
        response = self.response_class(
            request=self.request,
            template=["api/token/created.html"],
            context=self.get_context_data(token=token, raw_token=raw),
        )
        response["Cache-Control"] = "no-store"
        return response


class TokenRevokeView(CapabilityRequiredMixin, TemplateView):
    capability = "can_manage_api_tokens"
    template_name = "api/token/revoke.html"

    def get_token(self) -> ApiToken:
        # Looked up after the capability check (the mixin's dispatch): no hints for others.
        return get_object_or_404(ApiToken.objects.select_related("user"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(token=self.get_token(), **kwargs)

    def post(self, request, *args, **kwargs):
        self.token = self.get_token()
        if self.token.is_revoked:
            messages.info(request, _("Dieser Zugang war bereits widerrufen."))
        else:
            services.token_revoke(token=self.token, user=request.user)
            messages.success(
                request,
                _("Der Zugang „%(name)s“ ist widerrufen; das Token gilt ab sofort nicht mehr.")
                % {"name": self.token.name},
            )
        return redirect("api:token_list")
