from django.views.generic import ListView

from .models import Indicator


class IndicatorCatalogueView(ListView):
    """Public catalogue of the indicators with their definitions and sources."""

    template_name = "monitoring/indicator/catalogue.html"
    context_object_name = "indicators"
    paginate_by = 25

    def get_queryset(self):
        return Indicator.objects.filter(is_archived=False)
