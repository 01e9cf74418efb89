"""Public indicator pages and the dashboards (staff, steering committee, ministry, boards)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.views.generic import (
    DetailView,
    ListView,
    TemplateView,
)

from fields.models import SpecializationField
from ris_portal.permissions import CapabilityRequiredMixin

from .. import selectors
from ..models import Indicator


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
