"""The shared editing views: one form page, one versioned save with merge, one confirmation.

- `FormPageMixin`: context for the one form page template `edit/form_page.html` (heading,
  preline, intro, submit label, cancel link, multipart).
- `VersionedFormMixin` (and `VersionedUpdateMixin` for UpdateViews): saves through the hook
  `save_form(form)` (default: `save_versioned` + m2m; override it to call a service); on a
  `ConcurrentEditError` the form is merged (`ris_portal.merge`) and shown again with the one
  conflict partial `edit/fragment_conflict.html`; a `ValidationError` from the service becomes
  form errors.
- `VersionedFormView`, `VersionedUpdateView`: the form page with a versioned save, as a view.
- `ConfirmActionView`: the one confirmation page (`edit/confirm_page.html`) for archiving,
  workflow steps and other final actions: GET shows what will happen, POST calls `perform()`
  with the version the user saw.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView, UpdateView

from .concurrency import ConcurrentEditError, VersionField, save_versioned
from .merge import merge_form
from .permissions import CapabilityRequiredMixin

FORM_TEMPLATE = "edit/form_page.html"
CONFIRM_TEMPLATE = "edit/confirm_page.html"

# For a one-click action (a button on a detail page, no form page) refused as stale.
STALE_MESSAGE = gettext_lazy(
    "Der Eintrag wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen "
    "Stand und versuchen Sie es erneut."
)


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (at the field it names, if the form has it)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class FormPageMixin:
    """Context of `edit/form_page.html`; set the attributes or override the `get_*` hooks."""

    template_name: str | None = FORM_TEMPLATE
    heading: Any = ""
    preline: Any = ""
    intro: Any = ""
    submit_label: Any = gettext_lazy("Speichern")
    multipart = False
    cancel_url: Any = ""  # "Abbrechen" (else the object's page)

    def get_heading(self) -> str:
        return self.heading

    def get_preline(self) -> str:
        obj = getattr(self, "object", None)
        if not self.preline and isinstance(obj, models.Model) and obj.pk:
            return str(obj)
        return self.preline

    def get_intro(self) -> str:
        return self.intro

    def get_cancel_url(self) -> str:
        if self.cancel_url:
            return str(self.cancel_url)
        obj = getattr(self, "object", None)
        if isinstance(obj, models.Model) and obj.pk and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.setdefault("heading", self.get_heading())
        context.setdefault("preline", self.get_preline())
        context.setdefault("intro", self.get_intro())
        context.setdefault("submit_label", self.submit_label)
        context.setdefault("cancel_url", self.get_cancel_url())
        context.setdefault("multipart", self.multipart)
        return context


class VersionedFormMixin:
    """Save a form that carries `version`; merge and show it again when the save is refused.

    Hooks: `get_versioned_object()` (the row being edited; default `self.object`),
    `save_form(form)` (the save; returns the saved object), `on_saved(obj)` (the response),
    `form_refused(form, error)` (a ValidationError from the service; default: form errors).
    """

    change_reason = ""
    object: Any = None

    def get_versioned_object(self) -> models.Model:
        return self.object

    def save_form(self, form: forms.BaseForm) -> models.Model:
        """Default for ModelForms: a versioned save plus the many-to-many fields."""
        obj = form.save(commit=False)  # type: ignore[attr-defined]
        save_versioned(
            obj, expected_version=form.cleaned_data["version"], change_reason=self.change_reason
        )
        form.save_m2m()  # type: ignore[attr-defined]
        return obj

    def form_valid(self, form: forms.BaseForm) -> HttpResponse:
        try:
            with transaction.atomic():
                obj = self.save_form(form)
        except ConcurrentEditError as conflict:
            return self.form_conflict(form, conflict)
        except ValidationError as error:
            return self.form_refused(form, error)
        self.object = obj
        return self.on_saved(obj)

    def form_refused(self, form: forms.BaseForm, error: ValidationError) -> HttpResponse:
        """The service refused the values: show its messages on the form."""
        apply_validation_error(form, error)
        return self.form_invalid(form)  # type: ignore[attr-defined]

    def form_conflict(self, form: forms.BaseForm, conflict: ConcurrentEditError) -> HttpResponse:
        """The merged form with the conflict partial (status 200: nothing was saved)."""
        merge = merge_form(
            form, current=conflict.current, loaded_version=form.cleaned_data["version"]
        )
        if isinstance(getattr(self, "object", None), models.Model):
            self.object = conflict.current
        return self.render_to_response(  # type: ignore[attr-defined]
            self.get_context_data(form=form, conflict=merge)  # type: ignore[attr-defined]
        )

    def on_saved(self, obj: models.Model) -> HttpResponse:
        return HttpResponseRedirect(self.get_success_url())  # type: ignore[attr-defined]


class ServiceFormView(CapabilityRequiredMixin, FormPageMixin, FormView):
    """A form page whose valid form goes to a service, then on to the result.

    `perform(form)` calls the service and returns what it made; the user then reads
    `get_success_message()` and goes to `get_success_url()` (`success_url`, else the page of
    what was made). A ValidationError from the service is shown on the form: at `error_field`
    if set, else at the fields it names.
    """

    capability = "can_edit_content"
    success_message: Any = ""
    error_field: str | None = None
    object: Any = None

    def perform(self, form: forms.BaseForm) -> Any:
        raise NotImplementedError("A ServiceFormView names its service call in perform()")

    def form_valid(self, form: forms.BaseForm) -> HttpResponse:
        try:
            self.object = self.perform(form)
        except ValidationError as error:
            if self.error_field:
                form.add_error(self.error_field, error)
            else:
                apply_validation_error(form, error)
            return self.form_invalid(form)
        message = self.get_success_message()
        if message:
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_message(self) -> str:
        return self.success_message

    def get_success_url(self) -> str:
        return str(self.success_url) if self.success_url else self.object.get_absolute_url()


def inline_form_post(
    request, form: forms.BaseForm, perform, next_url: str, *, invalid: str, done: str
) -> HttpResponse:
    """The POST of a small form on a page (a comment, a vote) that has no form page of its own:
    `perform(cleaned_data)` calls the service; an invalid form (`invalid`), a ValidationError or
    success (`done`) is told as a message, and the user is back at `next_url`."""
    if not form.is_valid():
        messages.error(request, invalid)
        return HttpResponseRedirect(next_url)
    try:
        perform(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return HttpResponseRedirect(next_url)


def comment_post(request, form: forms.BaseForm, create, next_url: str) -> HttpResponse:
    """The POST of the one comment thread (`includes/comments.html`): `create(text)` stores the
    comment; back to the thread at `next_url`."""
    return inline_form_post(
        request,
        form,
        lambda data: create(data["text"]),
        next_url,
        invalid=gettext("Bitte geben Sie einen Kommentar ein."),
        done=gettext("Ihr Kommentar wurde gespeichert."),
    )


# The name UpdateViews have used since the start.
VersionedUpdateMixin = VersionedFormMixin


class VersionedFormView(CapabilityRequiredMixin, FormPageMixin, VersionedFormMixin, FormView):
    """A form page that saves a versioned row (`save_form`), for editors by default."""

    capability = "can_edit_content"


class VersionedUpdateView(CapabilityRequiredMixin, FormPageMixin, VersionedUpdateMixin, UpdateView):
    """The edit page of a versioned row (a ModelForm), for editors by default."""

    capability = "can_edit_content"


class ConfirmForm(forms.Form):
    """Second step of a destructive or final action; carries the version the user saw."""

    version = VersionField()


class ConfirmActionView(CapabilityRequiredMixin, FormView):
    """A confirmation page: GET shows what will happen, POST does it (`perform`).

    Set `heading`, `message`, `submit_label` (and `capability`); set `target_queryset` (the rows
    the URL's pk may name: 404 outside them) or implement `get_target()`, and `perform(version)`
    (calls a service and returns the response). A refused save shows what changed meanwhile and asks again with the
    current version; a `ValidationError` shows its messages on the page.
    """

    template_name = CONFIRM_TEMPLATE
    form_class: type[forms.BaseForm] = ConfirmForm
    heading: Any = ""
    message: Any = ""
    submit_label: Any = gettext_lazy("Bestätigen")
    submit_style = "primary"  # "danger" for irreversible actions
    target_queryset: Any = None

    def get_target(self) -> Any:
        if self.target_queryset is None:
            raise NotImplementedError("Set target_queryset or override get_target()")
        return get_object_or_404(self.target_queryset.all(), pk=self.kwargs["pk"])

    def perform(self, version: int | None) -> HttpResponse:
        raise NotImplementedError("A ConfirmActionView names its service call in perform()")

    def get(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"version": getattr(self.target, "version", None)}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "version" in form.fields and not hasattr(self.target, "version"):
            form.fields["version"].required = False  # nothing to compare (an import batch)
        return form

    def get_cancel_url(self) -> str:
        return self.target.get_absolute_url()

    def get_heading(self) -> str:
        return self.heading

    def get_message(self) -> str:
        return self.message

    def get_preline(self) -> str:
        return str(self.target)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.get_heading(),
            message=self.get_message(),
            preline=self.get_preline(),
            target=self.target,
            submit_label=self.submit_label,
            submit_style=self.submit_style,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def form_valid(self, form):
        self.cleaned_data = form.cleaned_data  # for confirmations with more fields (a reason)
        try:
            with transaction.atomic():
                return self.perform(form.cleaned_data.get("version"))
        except ConcurrentEditError as conflict:
            merge = merge_form(
                form, current=conflict.current, loaded_version=form.cleaned_data["version"]
            )
            if _same_row(self.target, conflict.current):
                self.target = conflict.current
            return self.render_to_response(self.get_context_data(form=form, conflict=merge))
        except ValidationError as error:
            apply_validation_error(form, error)
        return self.form_invalid(form)


def _same_row(a: Any, b: Any) -> bool:
    return type(a) is type(b) and getattr(a, "pk", None) == getattr(b, "pk", None)
