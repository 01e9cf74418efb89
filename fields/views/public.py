"""Public pages of the fields app: field, published roadmap and its measures."""

from __future__ import annotations

from django.views.generic import DetailView

from ris_portal.permissions import PublicDetailView

from .. import selectors
from ..models import SpecializationField
from ..selectors import theme_list_public


class FieldPublicView(DetailView):
    """Public profile of a specialization field with its themes, highlights and roadmaps."""

    template_name = "fields/field/public_detail.html"
    queryset = SpecializationField.objects.live()
    context_object_name = "field"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = self.object
        context["themes"] = theme_list_public(field)
        context["networks"] = selectors.network_list_public(field)
        context["roadmaps"] = selectors.roadmap_list_public(field)
        return context


class RoadmapPublicView(PublicDetailView):
    """A published roadmap; every other status answers 404."""

    selector = selectors.roadmap_public
    related = {"action_fields": selectors.roadmap_structure}


class MeasurePublicView(PublicDetailView):
    """A measure of a published roadmap (its place in the chain comes from the panels)."""

    selector = selectors.measure_public
