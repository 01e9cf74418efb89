from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
)

from fields.models import SpecializationField
from ris_portal.editing import (
    FORM_TEMPLATE,
    ConfirmActionView,
    FormPageMixin,
    VersionedUpdateView,
)
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.spreadsheets import dataset_to_csv, dataset_to_xlsx

from . import selectors, services
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    ImportUploadForm,
    IndicatorValueForm,
    TargetForm,
    YearLockForm,
)
from .importing import max_bytes
from .models import Activity, ImportBatch, Indicator, IndicatorValue, Target, YearLock
from .quality_views import PlausibilityFormMixin, import_quality_context, quality_context
from .resources import (
    ActivityExportResource,
    IndicatorValueExportResource,
    template_dataset,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_response(content: bytes, *, name: str, fmt: str) -> HttpResponse:
    content_type = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _export(dataset, *, name: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content = dataset_to_xlsx(dataset, title=name) if fmt == "xlsx" else dataset_to_csv(dataset)
    return _file_response(content, name=name, fmt=fmt)


# --- public -----------------------------------------------------------------------------------
class IndicatorCatalogueView(ListView):
    """Public catalogue of the indicators with their definitions and sources."""

    template_name = "monitoring/indicator/catalogue.html"
    context_object_name = "indicators"
    paginate_by = 25

    def get_queryset(self):
        return Indicator.objects.live()


class IndicatorPublicView(DetailView):
    """An indicator's definition and its published values (years whose report is published)."""

    template_name = "monitoring/indicator/public.html"
    queryset = Indicator.objects.live()
    slug_field = slug_url_kwarg = "code"
    context_object_name = "indicator"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            series=selectors.indicator_series(
                indicator=self.object, published_only=True, language=get_language()
            ),
            **kwargs,
        )


# --- dashboards -------------------------------------------------------------------------------
class DashboardView(CapabilityRequiredMixin, TemplateView):
    """Dashboards: Thuringia and every field for steering, ministry and staff; board members
    see the dashboard of their own field(s) only (other fields: 404, as for all internals)."""

    capability = "can_view_field_dashboard"
    template_name = "monitoring/dashboard/dashboard.html"
    indicators_per_page = 10

    def _fields(self):
        fields = SpecializationField.objects.live()
        if not self.roles.can_view_dashboards:
            fields = fields.filter(pk__in=self.roles.board_field_ids)
        return fields

    def get(self, request, *args, **kwargs):
        if "slug" not in kwargs and not self.roles.can_view_dashboards:
            # A board member has no Thuringia-wide dashboard: their field's instead.
            own = self._fields().first()
            if own is None:
                raise Http404
            return redirect("monitoring:dashboard_field", slug=own.slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = None
        fields = self._fields()
        if "slug" in kwargs:
            field = get_object_or_404(fields, slug=kwargs["slug"])
        # Paginate the indicators before loading their values: a page costs the same at 10×.
        version = selectors.indicator_data_version()  # one query for both cache keys
        ids = selectors.indicator_ids_in_scope(field=field, version=version)
        page = Paginator(ids, self.indicators_per_page)
        page_obj = page.get_page(self.request.GET.get("page"))
        context.update(
            field=field,
            fields=fields,
            show_overall=self.roles.can_view_dashboards,
            page_obj=page_obj,
            series=selectors.dashboard_series(
                field=field,
                indicator_ids=list(page_obj.object_list),
                language=get_language(),
                version=version,
            )
            if page_obj.object_list
            else [],
        )
        context["activities"], context["funding"] = selectors.activity_charts(field=field)
        return context


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
        return _export(dataset, name=f"aktivitaeten-{stamp}", fmt=kwargs["fmt"])


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
    return _export(template_dataset(kind), name=f"vorlage-{kind}", fmt=fmt)


# --- indicators (staff) -----------------------------------------------------------------------
class IndicatorManageView(CapabilityRequiredMixin, TemplateView):
    capability = "can_edit_content"
    template_name = "monitoring/indicator/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = get_object_or_404(Indicator.objects.live(), pk=kwargs["pk"])
        values = (
            IndicatorValue.objects.live()
            .filter(indicator=indicator)
            .select_related("field")
            .order_by("field__order", "year")
        )
        page = Paginator(values, 50).get_page(self.request.GET.get("page"))
        context.update(
            indicator=indicator,
            page_obj=page,
            values=page.object_list,
            targets=Target.objects.live().filter(indicator=indicator).select_related("field"),
            locked_years=set(YearLock.objects.values_list("year", flat=True)),
            series=selectors.indicator_series(indicator=indicator, language=get_language()),
            **quality_context(indicator),
        )
        return context


class IndicatorFormMixin(CapabilityRequiredMixin, FormPageMixin):
    """Values and targets of one indicator: the indicator is the preline and the way back."""

    capability = "can_edit_content"

    def indicator_of_page(self) -> Indicator:
        return self.object.indicator

    def get_preline(self):
        indicator = self.indicator_of_page()
        return f"{indicator.code} – {indicator.name}"

    def get_cancel_url(self):
        return reverse("monitoring:indicator_manage", kwargs={"pk": self.indicator_of_page().pk})

    def get_success_url(self):
        return self.get_cancel_url()


class IndicatorValueCreateView(IndicatorFormMixin, PlausibilityFormMixin, CreateView):
    form_class = IndicatorValueForm
    template_name = "monitoring/indicator/value_form.html"
    heading = gettext_lazy("Wert erfassen")

    def load_objects(self):
        self.indicator = get_object_or_404(Indicator.objects.live(), pk=self.kwargs["pk"])

    def indicator_of_page(self):
        return self.indicator

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicator": self.indicator}

    def form_valid(self, form):
        value = form.save(commit=False)
        try:
            services.indicator_value_save(
                value=value, reason=form.cleaned_data["reason"], **self.quality_kwargs(form)
            )
        except services.PlausibilityError as error:
            return self.plausibility_invalid(form, error)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.value_saved(value)
        return redirect(self.get_success_url())


class IndicatorValueUpdateView(IndicatorFormMixin, PlausibilityFormMixin, VersionedUpdateView):
    template_name = "monitoring/indicator/value_form.html"
    form_class = IndicatorValueForm
    heading = gettext_lazy("Wert bearbeiten")

    def get_queryset(self):
        return IndicatorValue.objects.live().select_related("indicator")

    def save_form(self, form):
        """The service checks the year lock and asks for a reason when a final value changes."""
        try:
            return services.indicator_value_save(
                value=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                **self.quality_kwargs(form),
            )
        except services.PlausibilityError:
            raise
        except ValidationError as error:
            if hasattr(error, "error_dict") and "change_reason" in error.error_dict:
                raise ValidationError({"reason": error.error_dict["change_reason"]}) from error
            raise

    def form_refused(self, form, error):
        if isinstance(error, services.PlausibilityError):
            return self.plausibility_invalid(form, error)
        return super().form_refused(form, error)

    def on_saved(self, obj):
        self.value_saved(obj)
        return redirect(self.get_success_url())


class IndicatorValueHistoryView(ObjectHistoryView):
    model = IndicatorValue

    def get_queryset(self):
        return IndicatorValue.objects.select_related("indicator")

    def restore_check(self, obj, record=None):
        services.indicator_value_ensure_restorable(value=obj, record=record)

    def get_back_url(self):
        return reverse("monitoring:indicator_manage", kwargs={"pk": self.object.indicator_id})


class TargetCreateView(IndicatorValueCreateView):
    form_class = TargetForm
    template_name = FORM_TEMPLATE
    heading = gettext_lazy("Zielwert festlegen")

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("Der Zielwert wurde gespeichert."))
        return redirect(self.get_success_url())


class TargetUpdateView(IndicatorFormMixin, VersionedUpdateView):
    form_class = TargetForm
    heading = gettext_lazy("Zielwert bearbeiten")

    def get_queryset(self):
        return Target.objects.live().select_related("indicator")

    def on_saved(self, obj):
        messages.success(self.request, _("Der Zielwert wurde gespeichert."))
        return redirect(self.get_success_url())


@capability_required("can_edit_content")
def indicator_value_export(request, fmt):
    values = (
        IndicatorValue.objects.live()
        .select_related("indicator", "field")
        .order_by("indicator__code", "field__order", "year")
    )
    dataset = IndicatorValueExportResource().export(queryset=values)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return _export(dataset, name=f"indikatorwerte-{stamp}", fmt=fmt)


class YearLockView(CapabilityRequiredMixin, FormView):
    """Locked report years, and locking a year (with an explicit confirmation)."""

    capability = "can_edit_content"
    form_class = YearLockForm
    template_name = "monitoring/indicator/year_locks.html"

    def get_context_data(self, **kwargs):
        locks = YearLock.objects.select_related("locked_by")
        page = Paginator(locks, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(locks=page.object_list, page_obj=page, **kwargs)

    def form_valid(self, form):
        services.indicator_values_lock_year(
            year=form.cleaned_data["year"], user=self.request.user, note=form.cleaned_data["note"]
        )
        messages.success(
            self.request,
            _("Das Jahr %(year)s ist gesperrt.") % {"year": form.cleaned_data["year"]},
        )
        return redirect("monitoring:year_locks")
