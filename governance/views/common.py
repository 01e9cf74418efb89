"""Shared pieces of the governance views: page templates, the confirmation view."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from ris_portal.concurrency import CONFLICT_MESSAGE, ConcurrentEditError
from ris_portal.permissions import CapabilityRequiredMixin

from ..forms import (
    ConfirmForm,
)

FORM_TEMPLATE = "governance/form_page.html"
CONFIRM_TEMPLATE = "governance/confirm_page.html"


def _apply_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class ConfirmActionView(CapabilityRequiredMixin, FormView):
    """Base for a confirmation page: GET shows what will happen, POST does it."""

    template_name = CONFIRM_TEMPLATE
    form_class = ConfirmForm
    heading = ""
    message = ""
    submit_label = gettext_lazy("Bestätigen")

    def get_target(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"version": getattr(self.target, "version", 1)}

    def get_cancel_url(self) -> str:
        return self.target.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading,
            message=self.get_message(),
            target=self.target,
            submit_label=self.submit_label,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def get_message(self) -> str:
        return self.message

    def form_valid(self, form):
        self.cleaned_data = form.cleaned_data  # for confirmations with more fields (a reason)
        try:
            return self.perform(form.cleaned_data["version"])
        except ConcurrentEditError:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            _apply_validation_error(form, error)
        return self.form_invalid(form)

    def perform(self, version: int):
        raise NotImplementedError
