"""Generic history page with restore, for any versioned model with `HistoricalRecords`.

Apps subclass `ObjectHistoryView`, set `model`, `capability` and override `get_object()` to
apply their scope (404 for objects out of the user's scope), and `restore_check()` to apply
the domain rules that also guard normal edits (approved roadmaps, locked years, …).

Restoring takes two steps: the button opens a confirmation (`?wiederherstellen=<id>`) that
shows exactly which fields will change; only its POST restores.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from .concurrency import ConcurrentEditError
from .history import history_page, restore_changes, restore_version
from .permissions import CapabilityRequiredMixin

CONFIRM_PARAMETER = "wiederherstellen"


class ObjectHistoryView(CapabilityRequiredMixin, DetailView):
    template_name = "history/object_history.html"
    confirm_template_name = "history/restore_confirm.html"
    capability = "can_edit_content"
    # Restoring is an edit: only users with this capability see the restore buttons.
    restore_capability = "can_edit_content"
    back_url_name = ""

    def restore_check(self, obj, record=None) -> None:
        """Raise ValidationError when `obj` may not be restored (to `record`) now."""

    def restore_blocked_reason(self, record=None) -> str:
        try:
            self.restore_check(self.object, record)
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def get_template_names(self):
        if self.confirm_record is not None:
            return [self.confirm_template_name]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.confirm_record = None
        if CONFIRM_PARAMETER in request.GET:
            self._require_restore_capability()
            self.confirm_record = get_object_or_404(
                self.object.history, history_id=_int(request.GET[CONFIRM_PARAMETER])
            )
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = self.get_back_url()
        context["history_url"] = self.request.path
        can_restore = getattr(self.roles, self.restore_capability)
        if self.confirm_record is not None:
            context["record"] = self.confirm_record
            context["changes"] = restore_changes(self.object, self.confirm_record)
            context["blocked_reason"] = self.restore_blocked_reason(self.confirm_record)
            return context
        page, entries = history_page(self.object, self.request.GET.get("page"))
        context["page_obj"], context["entries"] = page, entries
        context["blocked_reason"] = self.restore_blocked_reason() if can_restore else ""
        context["can_restore"] = can_restore and not context["blocked_reason"]
        return context

    def get_back_url(self) -> str:
        """The page "Zurück" leads to: `back_url_name` if set, else the object's own page."""
        if self.back_url_name:
            return reverse(self.back_url_name)
        return self.object.get_absolute_url() if hasattr(self.object, "get_absolute_url") else ""

    def _require_restore_capability(self):
        if not getattr(self.roles, self.restore_capability):
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self._require_restore_capability()
        record = get_object_or_404(
            self.object.history, history_id=_int(request.POST.get("history_id"))
        )
        try:
            restore_version(
                self.object,
                history_id=record.history_id,
                expected_version=_int(request.POST.get("version")),
                check=self.restore_check,
            )
        except ConcurrentEditError:
            messages.error(
                request,
                _(
                    "Der Eintrag wurde inzwischen geändert. Bitte prüfen Sie "
                    "den aktuellen Stand und versuchen Sie es erneut."
                ),
            )
        except ValidationError as error:
            messages.error(
                request,
                _("Wiederherstellen nicht möglich: %(errors)s")
                % {"errors": "; ".join(error.messages)},
            )
        else:
            messages.success(request, _("Der frühere Stand wurde wiederhergestellt."))
        return redirect(request.path)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
