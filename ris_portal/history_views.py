"""Generic history page with restore, for any versioned model with `HistoricalRecords`.

Apps subclass `ObjectHistoryView`, set `model`, `capability` and override `get_object()` to
apply their scope (404 for objects out of the user's scope).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from .concurrency import ConcurrentEditError
from .history import history_entries, restore_version
from .permissions import CapabilityRequiredMixin


class ObjectHistoryView(CapabilityRequiredMixin, DetailView):
    template_name = "history/object_history.html"
    capability = "can_edit_content"
    # Restoring is an edit: only users with this capability see the restore buttons.
    restore_capability = "can_edit_content"
    back_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = history_entries(self.object)
        context["can_restore"] = getattr(self.roles, self.restore_capability)
        context["back_url"] = self.get_back_url()
        return context

    def get_back_url(self) -> str:
        return self.object.get_absolute_url() if hasattr(self.object, "get_absolute_url") else ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not getattr(self.roles, self.restore_capability):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        record = get_object_or_404(self.object.history, history_id=request.POST.get("history_id"))
        try:
            restore_version(
                self.object,
                history_id=record.history_id,
                expected_version=int(request.POST.get("version", 0)),
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
