from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .models import SpecializationField
from .selectors import theme_list_public


class FieldPublicView(TemplateView):
    """Public profile of a specialization field with its themes and highlights."""

    template_name = "fields/field/public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = get_object_or_404(SpecializationField, slug=kwargs["slug"], is_archived=False)
        context["field"] = field
        context["themes"] = theme_list_public(field)
        return context
