"""Imports (staff): upload, preview, confirm or discard, roll back, templates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import (
    FormView,
    TemplateView,
)

from ris_portal.editing import (
    ConfirmActionView,
)
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.spreadsheets import spreadsheet_response

from .. import selectors, services
from ..forms import (
    ImportUploadForm,
)
from ..importing import max_bytes
from ..models import ImportBatch
from ..resources import (
    template_dataset,
)
from .quality import import_quality_context


# --- import -----------------------------------------------------------------------------------
class ImportView(CapabilityRequiredMixin, FormView):
    """Upload a file; valid files go to the preview, rejected ones show their errors here."""

    capability = "can_edit_content"
    form_class = ImportUploadForm
    template_name = "monitoring/import/start.html"

    def get_initial(self):
        kind = self.request.GET.get("art")
        return {"kind": kind} if kind in ImportBatch.Kind.values else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.import_batch_list(), 20).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, batches=page.object_list, kinds=ImportBatch.Kind.choices)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        batch, preview = services.import_batch_create(
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            # Never more than the limit (+1 byte, so that the size check can reject it).
            content=upload.read(max_bytes() + 1),
            user=self.request.user,
        )
        if batch is None:
            return self.render_to_response(
                self.get_context_data(form=form, rejected=preview, rejected_name=upload.name)
            )
        return HttpResponseRedirect(batch.get_absolute_url())


class ImportDetailView(CapabilityRequiredMixin, TemplateView):
    capability = "can_edit_content"
    template_name = "monitoring/import/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = get_object_or_404(
            ImportBatch.objects.select_related("created_by", "rolled_back_by"), pk=kwargs["pk"]
        )
        context["batch"] = batch
        if batch.status == ImportBatch.Status.PREVIEW:
            preview = services.import_preview(
                kind=batch.kind,
                file_name=batch.file_name,
                content=bytes(batch.content),
                user=self.request.user,
            )
            show = self.request.GET.get("zeilen", "alle")
            rows = [
                r
                for r in preview.rows
                if show == "alle" or r.action == show or (show == "warnung" and r.warnings)
            ]
            page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
            context.update(preview=preview, page_obj=page, rows=page.object_list, show=show)
            context.update(import_quality_context(batch, preview))
        return context


@require_POST
@capability_required("can_edit_content")
def import_confirm(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        batch = services.import_batch_confirm(
            batch=batch,
            user=request.user,
            quality_reason=request.POST.get("quality_reason", "")[:2000],
        )
    except ValidationError as error:
        for message in error.messages[:20]:
            messages.error(request, message)
        return redirect(batch.get_absolute_url())
    messages.success(
        request,
        _("Import abgeschlossen: %(new)s neu, %(changed)s geändert, %(unchanged)s unverändert.")
        % {
            "new": batch.new_count,
            "changed": batch.changed_count,
            "unchanged": batch.unchanged_count,
        },
    )
    return redirect(batch.get_absolute_url())


@require_POST
@capability_required("can_edit_content")
def import_discard(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        services.import_batch_discard(batch=batch, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch.get_absolute_url())
    messages.success(request, _("Die Vorschau wurde verworfen; es wurde nichts importiert."))
    return redirect("monitoring:import")


class ImportRollbackView(ConfirmActionView):
    """Confirmation page for rolling an import back."""

    capability = "can_edit_content"
    heading = gettext_lazy("Import zurückrollen?")
    submit_label = gettext_lazy("Ja, zurückrollen")

    target_queryset = ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED)

    def get_preline(self):
        return self.target.file_name

    def get_message(self):
        batch = self.target
        return _(
            "Der Import „%(name)s“ wird rückgängig gemacht: %(new)s neu angelegte Einträge "
            "werden archiviert, %(changed)s geänderte Einträge erhalten ihre vorherigen Werte. "
            "Der Verlauf jedes Eintrags bleibt erhalten."
        ) % {"name": batch.file_name, "new": batch.new_count, "changed": batch.changed_count}

    def perform(self, version):
        services.import_batch_rollback(batch=self.target, user=self.request.user)
        messages.success(self.request, _("Der Import wurde zurückgerollt."))
        return redirect(self.target.get_absolute_url())


@capability_required("can_edit_content")
def import_template(request, kind, fmt):
    if kind not in ImportBatch.Kind.values:
        raise Http404
    return spreadsheet_response(template_dataset(kind), name=f"vorlage-{kind}", fmt=fmt)
