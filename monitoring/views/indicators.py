"""Indicators (staff): values and targets, their history and export, locked report years."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import (
    CreateView,
    FormView,
    TemplateView,
)

from ris_portal.editing import (
    FORM_TEMPLATE,
    FormPageMixin,
    VersionedUpdateView,
)
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.spreadsheets import spreadsheet_response

from .. import selectors, services
from ..forms import (
    IndicatorValueForm,
    TargetForm,
    YearLockForm,
)
from ..models import Indicator, IndicatorValue, Target, YearLock
from ..resources import (
    IndicatorValueExportResource,
)
from .quality import PlausibilityFormMixin, quality_context


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
    return spreadsheet_response(dataset, name=f"indikatorwerte-{stamp}", fmt=fmt)


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
