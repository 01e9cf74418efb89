"""Activities (staff): list, export, create, edit, history, archive."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import (
    CreateView,
    ListView,
)

from ris_portal.editing import (
    ConfirmActionView,
    FormPageMixin,
    VersionedUpdateView,
)
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.spreadsheets import spreadsheet_response

from .. import selectors, services
from ..forms import (
    ActivityFilterForm,
    ActivityForm,
)
from ..models import Activity
from ..resources import (
    ActivityExportResource,
)


# --- activities -------------------------------------------------------------------------------
class ActivityListView(CapabilityRequiredMixin, ListView):
    capability = "can_edit_content"
    template_name = "monitoring/activity/list.html"
    context_object_name = "activities"
    paginate_by = 25

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = ActivityFilterForm(
                self.request.GET or None, years=selectors.activity_years()
            )
        return self._filter_form

    def get_filters(self) -> dict:
        form = self.get_filter_form()
        return form.cleaned_data if form.is_valid() else {}

    def get_queryset(self):
        return selectors.activity_list(filters=self.get_filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        context["query"] = self.request.GET.urlencode()
        return context


class ActivityExportView(ActivityListView):
    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset().select_related("import_batch")
        dataset = ActivityExportResource().export(queryset=queryset)
        stamp = timezone.localdate().strftime("%Y-%m-%d")
        return spreadsheet_response(dataset, name=f"aktivitaeten-{stamp}", fmt=kwargs["fmt"])


class ActivityCreateView(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "can_edit_content"
    model = Activity
    form_class = ActivityForm
    template_name = "monitoring/activity/form.html"
    heading = gettext_lazy("Aktivität erfassen")

    def get_cancel_url(self):
        return reverse("monitoring:activity_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Die Aktivität wurde angelegt."))
        return response

    def get_success_url(self):
        return reverse("monitoring:activity_list")


class ActivityScopeMixin(CapabilityRequiredMixin):
    capability = "can_edit_content"
    model = Activity

    def get_queryset(self):
        return Activity.objects.live()


class ActivityUpdateView(ActivityScopeMixin, VersionedUpdateView):
    form_class = ActivityForm
    template_name = "monitoring/activity/form.html"
    heading = gettext_lazy("Aktivität bearbeiten")

    def get_cancel_url(self):
        return reverse("monitoring:activity_list")

    def get_success_url(self):
        messages.success(self.request, _("Die Aktivität wurde gespeichert."))
        return reverse("monitoring:activity_list")


class ActivityHistoryView(ObjectHistoryView):
    model = Activity

    def get_queryset(self):
        return Activity.objects.all()


class ActivityArchiveView(ActivityScopeMixin, ConfirmActionView):
    """Confirmation page; archiving hides the activity from lists, exports and dashboards."""

    heading = gettext_lazy("Aktivität archivieren?")
    submit_label = gettext_lazy("Ja, archivieren")

    def get_target(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_message(self):
        return _(
            "„%(title)s“ erscheint danach nicht mehr in Listen, Exporten und Dashboards. Der "
            "Eintrag und sein Verlauf bleiben erhalten."
        ) % {"title": self.target.title}

    def get_cancel_url(self):
        return reverse("monitoring:activity_update", kwargs={"pk": self.target.pk})

    def perform(self, version):
        services.activity_archive(activity=self.target, expected_version=version)
        messages.success(self.request, _("Die Aktivität wurde archiviert."))
        return redirect("monitoring:activity_list")
