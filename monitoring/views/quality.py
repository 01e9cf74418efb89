"""Views of data quality: plausibility confirmations, validation rules, completeness matrix."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import TemplateView

from fields.models import SpecializationField
from ris_portal.editing import VersionedUpdateView
from ris_portal.history_views import ObjectHistoryView
from ris_portal.lists import CapabilityListView
from ris_portal.permissions import CapabilityRequiredMixin

from .. import completeness
from ..forms import (
    MAX_MATRIX_YEARS,
    CompletenessFilterForm,
    ConfirmationFilterForm,
    ValidationRuleForm,
)
from ..models import ImportBatch, Indicator, QualityConfirmation, ValidationRule


class PlausibilityFormMixin:
    """For the indicator value forms: pass the confirmation on, ask for it on warnings."""

    def quality_kwargs(self, form) -> dict:
        return {
            "quality_reason": form.cleaned_data.get("quality_reason", ""),
            "confirmed_fingerprint": form.cleaned_data.get("quality_fingerprint") or None,
            "user": self.request.user,
        }

    def value_saved(self, value) -> None:
        messages.success(self.request, _("Der Wert wurde gespeichert."))
        keys = [(value.indicator_id, value.field_id, value.year)]
        for item in completeness.missing_breakdowns(keys):
            messages.info(
                self.request,
                _("Für %(code)s %(year)s fehlen noch verlangte Werte: %(scopes)s.")
                % {
                    "code": item.indicator.code,
                    "year": item.year,
                    "scopes": ", ".join(item.scopes),
                },
            )

    def plausibility_invalid(self, form, error):
        form.ask_for_confirmation(error)
        return self.render_to_response(
            self.get_context_data(form=form, plausibility_warnings=error.warnings)
        )


def quality_context(indicator: Indicator) -> dict:
    """The data-quality part of the indicator's staff page: its rule and latest confirmations."""
    confirmations = QualityConfirmation.objects.filter(value__indicator=indicator).select_related(
        "value__field", "confirmed_by"
    )
    return {
        "rule": ValidationRule.objects.filter(indicator=indicator)
        .prefetch_related("required_fields")
        .first(),
        "confirmations": confirmations[:10],
        "confirmation_count": confirmations.count(),
    }


def import_quality_context(batch: ImportBatch, preview) -> dict:
    """Plausibility warnings and missing required breakdowns of an indicator-value preview."""
    if batch.kind != ImportBatch.Kind.INDICATOR_VALUES or not preview.is_valid:
        return {}
    keys = [row.key for row in preview.rows if row.action in ("new", "changed", "unchanged")]
    return {
        "warning_rows": preview.warning_rows,
        "unconfirmed_rows": preview.unconfirmed_warning_rows,
        "missing_breakdowns": completeness.missing_breakdowns(keys),
    }


# --- validation rules (staff) -----------------------------------------------------------------
class ValidationRuleView(VersionedUpdateView):
    """Create or edit the one validation rule of an indicator (optimistic locking on edit)."""

    form_class = ValidationRuleForm
    template_name = "monitoring/indicator/rule_form.html"
    intro = _lazy(
        "Die Prüfregel legt fest, wann ein Wert auffällig ist (Mindest- und Höchstwert, "
        "zulässige Veränderung zum Vorjahr) und welche Werte jedes Jahr erwartet werden. "
        "Auffällige Werte können nur mit einer Begründung gespeichert oder importiert werden; "
        "fehlende Werte erscheinen in der Vollständigkeitsübersicht und im Anhang des "
        "Monitoringberichts."
    )

    def get_heading(self):
        if self.object.pk:
            return _("Prüfregel bearbeiten")
        return _("Prüfregel festlegen")

    def get_preline(self):
        return f"{self.indicator.code} – {self.indicator.name}"

    def get_cancel_url(self):
        return reverse("monitoring:indicator_manage", kwargs={"pk": self.indicator.pk})

    def get_object(self, queryset=None):
        self.indicator = get_object_or_404(Indicator.objects.live(), pk=self.kwargs["pk"])
        rule = ValidationRule.objects.filter(indicator=self.indicator).first()
        return rule or ValidationRule(indicator=self.indicator)

    def form_valid(self, form):
        if form.instance.pk is not None:
            return super().form_valid(form)
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            # Someone created the rule between our GET and POST: edit theirs, do not overwrite.
            messages.error(
                self.request,
                _(
                    "Inzwischen hat jemand anderes eine Prüfregel für diesen Indikator angelegt. "
                    "Bitte prüfen Sie sie und übernehmen Sie Ihre Änderungen erneut."
                ),
            )
            return redirect("monitoring:validation_rule", pk=self.indicator.pk)
        return self.on_saved(form.instance)

    def on_saved(self, obj):
        messages.success(self.request, _("Die Prüfregel wurde gespeichert."))
        return redirect("monitoring:indicator_manage", pk=self.indicator.pk)


class ValidationRuleHistoryView(ObjectHistoryView):
    model = ValidationRule

    def get_queryset(self):
        return ValidationRule.objects.select_related("indicator")


# --- completeness and confirmations (staff, ministry) -----------------------------------------
def default_years(today=None) -> list[int]:
    """The last five completed years (reports look back; the current year is still open)."""
    year = (today or timezone.localdate()).year
    return list(range(year - 5, year))


class CompletenessView(CapabilityRequiredMixin, TemplateView):
    """Indicator × scope × year: which values are final, provisional or missing."""

    capability = "can_view_data_quality"
    template_name = "monitoring/quality/completeness.html"
    indicators_per_page = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = list(SpecializationField.objects.live())
        form = CompletenessFilterForm(self.request.GET or None, fields=fields)
        data = form.cleaned_data if form.is_valid() else {}
        years = default_years()
        first, last = data.get("first") or years[0], data.get("last") or years[-1]
        if first > last or last - first >= MAX_MATRIX_YEARS:
            first, last = years[0], years[-1]
        scopes = None
        if data.get("scope") == "land":
            scopes = {None}
        elif data.get("scope"):
            scopes = {f.pk for f in fields if f.slug == data["scope"]}
        matrix = completeness.completeness_matrix(
            years=list(range(first, last + 1)),
            scopes=scopes,
            kind=data.get("kind", ""),
            only_gaps=bool(data.get("gaps")),
        )
        # Pages hold whole indicators (all their scopes), not halves of one.
        groups = [list(rows) for _pk, rows in groupby(matrix.rows, key=lambda r: r.indicator.pk)]
        page = Paginator(groups, self.indicators_per_page).get_page(self.request.GET.get("page"))
        context.update(
            form=form,
            matrix=matrix,
            page_obj=page,
            groups=page.object_list,
            first=first,
            last=last,
        )
        return context


class QualityConfirmationListView(CapabilityListView):
    """The audit log: every confirmed plausibility warning with who, when and why."""

    capability = "can_view_data_quality"
    template_name = "monitoring/quality/confirmations.html"
    context_object_name = "confirmations"

    def get_queryset(self):
        queryset = QualityConfirmation.objects.select_related(
            "value__indicator", "value__field", "confirmed_by", "import_batch"
        ).defer("import_batch__content", "import_batch__undo")
        code = self.get_filter_form().cleaned_data.get("indikator", "").strip()
        if code:
            queryset = queryset.filter(value__indicator__code=code)
        return queryset

    def get_filter_form(self) -> ConfirmationFilterForm:
        if not hasattr(self, "_filter_form"):
            self._filter_form = ConfirmationFilterForm(self.request.GET)
            self._filter_form.is_valid()  # an invalid filter is ignored, never an error page
        return self._filter_form

    def get_context_data(self, **kwargs):
        form = self.get_filter_form()
        code = form.cleaned_data.get("indikator", "")
        return super().get_context_data(filter_form=form, code=code, **kwargs)
