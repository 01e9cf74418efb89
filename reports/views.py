"""Views of the report pipeline: download centre, requesting, status, publishing, uploads."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from ris_portal.editing import ServiceFormView
from ris_portal.files import FileIntegrityError, file_response
from ris_portal.lists import CapabilityListView, QueryFilterMixin
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.roles import roles_for

from . import services
from .forms import LegacyUploadForm, PublishForm, ReportRequestForm
from .models import Report
from .selectors import (
    report_list_all,
    report_list_published,
    report_published_years,
    report_visible_to,
)


def _visible_report(request, pk: int) -> Report:
    """The report if the user may see it: drafts only for draft viewers (others: 404)."""
    roles = roles_for(request.user)
    return get_object_or_404(report_visible_to(roles), pk=pk)


class DownloadCentreView(QueryFilterMixin, ListView):
    """Public: published reports by year and kind, including the uploaded earlier reports."""

    template_name = "reports/report/list.html"
    context_object_name = "reports"
    paginate_by = 25
    filters = {"art": "selected_kind"}

    def get_queryset(self):
        return report_list_published(kind=self.choice("art", Report.Kind), year=self.number("jahr"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            years=report_published_years(),
            kinds=Report.Kind.choices,
            selected_year=self.number("jahr"),
            **kwargs,
        )


class ReportWorkspaceView(QueryFilterMixin, CapabilityListView):
    """All report versions with their status; staff request new ones here."""

    capability = "can_view_draft_reports"
    template_name = "reports/report/workspace.html"
    context_object_name = "reports"
    filters = {"status": "selected_status"}

    def get_queryset(self):
        return report_list_all(
            status=self.choice("status", Report.Status), year=self.number("jahr")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            request_form=ReportRequestForm(), statuses=Report.Status.choices, **kwargs
        )


@require_POST
@capability_required("can_edit_content")
def report_request(request):
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        named = [e for name in ("start_year", "stichtag") for e in form.errors.get(name, [])]
        if named:
            messages.error(request, " ".join(named))
        else:
            messages.error(
                request, _("Bitte wählen Sie ein gültiges Berichtsjahr und eine Berichtsart.")
            )
        return redirect("reports:report_workspace")
    latest = Report.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        report = services.report_request(
            year=form.cleaned_data["year"],
            kind=form.cleaned_data["kind"],
            stichtag=form.cleaned_data["stichtag"],
            start_year=form.cleaned_data["start_year"],
            user=request.user,
        )
    except (services.ReportStateError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("reports:report_workspace")
    report.refresh_from_db()
    if report.pk <= latest:
        messages.info(
            request,
            _(
                "Dieser Bericht ist bereits angefordert und wird erstellt; es wurde keine "
                "weitere Fassung angelegt."
            ),
        )
    elif report.is_waiting_for_queue:
        messages.warning(
            request,
            _(
                "Der Bericht ist angefordert und wartet auf die Verarbeitung: Der "
                "Hintergrunddienst ist gerade nicht erreichbar. Der Bericht wird automatisch "
                "erstellt, sobald er wieder verfügbar ist."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "Der Bericht wurde angefordert. Der Status aktualisiert sich auf dieser Seite "
                "automatisch."
            ),
        )
    return redirect(report)


class ReportDetailView(DetailView):
    template_name = "reports/report/detail.html"
    context_object_name = "report"

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        report = get_object_or_404(Report, pk=self.kwargs["pk"])
        roles = roles_for(self.request.user)
        if report.is_published or roles.can_view_draft_reports:
            return report
        if not self.request.user.is_authenticated:
            raise _LoginRequired
        raise Http404

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(object=self.object))


class _LoginRequired(Exception):
    pass


def _with_login_redirect(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    return wrapper


report_detail = _with_login_redirect(ReportDetailView.as_view())


class ReportStatusFragmentView(ReportDetailView):
    """The status box, polled by htmx while the report is being rendered."""

    template_name = "reports/report/fragment_status.html"


report_status = _with_login_redirect(ReportStatusFragmentView.as_view())


@_with_login_redirect
def report_download(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    roles = roles_for(request.user)
    if not (report.is_published or roles.can_view_draft_reports):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise Http404
    if not report.has_file:
        raise Http404
    try:
        # Every download proves the file is the one that was rendered or uploaded.
        services.report_verify_file(report=report)
    except FileNotFoundError as missing:
        raise Http404 from missing
    except FileIntegrityError:
        response = render(
            request, "reports/report/integrity_error.html", {"report": report}, status=409
        )
        response["Cache-Control"] = "no-store"
        return response
    return file_response(report.file, filename=report.filename, content_type="application/pdf")


@require_POST
@capability_required("can_edit_content")
def report_retry(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    try:
        services.report_retry(report=report, user=request.user)
    except services.ReportStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Der Bericht wird erneut erstellt."))
    return redirect(report)


class ReportPublishView(CapabilityRequiredMixin, FormView):
    """Confirmation step before a report goes public (and the year's values are locked)."""

    capability = "can_edit_content"
    template_name = "reports/report/publish.html"
    form_class = PublishForm

    def load_objects(self):
        self.report = get_object_or_404(Report, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)

    def form_valid(self, form):
        try:
            services.report_publish(report=self.report, user=self.request.user)
        except services.ReportStateError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, _("Der Bericht ist veröffentlicht."))
        return redirect(self.report)


class LegacyUploadView(ServiceFormView):
    form_class = LegacyUploadForm
    heading = gettext_lazy("Früheren Bericht hochladen")
    intro = gettext_lazy(
        "Laden Sie hier die Berichte der Jahre vor dem RIS-Portal (2017–2023) als PDF-Datei "
        "hoch. Die Datei wird geprüft und mit Prüfsumme archiviert."
    )
    submit_label = gettext_lazy("Hochladen")
    multipart = True
    cancel_url = reverse_lazy("reports:report_workspace")
    success_message = gettext_lazy("Der Bericht wurde hochgeladen.")
    error_field = "file"

    def perform(self, form):
        data = form.cleaned_data
        return services.report_upload_legacy(
            year=data["year"],
            title=data["title"],
            description=data["description"],
            content=data["file"].read(),
            user=self.request.user,
            publish=data["publish"],
        )
