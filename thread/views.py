"""Results-chain pages (per roadmap, per field) and the search over every kind of object."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from fields import selectors as fields_selectors
from fields.models import Roadmap, SpecializationField
from ris_portal.roles import roles_for

from . import links, search
from .chain import COLOURS, chain_svg, results_chain
from .links import Viewer


def _legend():
    from fields.models import Measure, Need
    from monitoring.selectors import STATUS_LABELS

    rows = [(label, COLOURS[value]) for value, label in Measure.Status.choices]
    rows += [(label, COLOURS[value]) for value, label in Need.Status.choices if value in COLOURS]
    seen = set()
    for value, label in STATUS_LABELS.items():
        # Statuses without a colour of their own are drawn like "kein Ziel oder kein Wert".
        colours = COLOURS.get(value, COLOURS["ohne_ziel"])
        if colours not in seen:
            rows.append((label, colours))
            seen.add(colours)
    return rows


class _ChainView(TemplateView):
    template_name = "thread/chain.html"

    def chain_context(self, viewer: Viewer, roadmaps: list[Roadmap]) -> dict:
        blocks = results_chain(viewer, roadmaps)
        return {"blocks": blocks, "svg": chain_svg(blocks), "legend": _legend(), "viewer": viewer}


class RoadmapChainView(_ChainView):
    """Wirkungskette of one roadmap: internal for whoever may see the roadmap, public once it
    is published, 404 otherwise."""

    def get_context_data(self, **kwargs):
        roadmap = get_object_or_404(
            Roadmap.objects.live().select_related("network__theme__field"),
            pk=kwargs["pk"],
        )
        field_id = roadmap.network.theme.field_id
        viewer = Viewer(roles=roles_for(self.request.user), public=False)
        if links.roadmap_url(viewer, roadmap, field_id) is None:
            raise Http404
        if not (viewer.internals(field_id) or viewer.roles.is_steering):
            viewer = Viewer(roles=viewer.roles, public=True)
        return super().get_context_data(
            subject=roadmap,
            subject_url=links.roadmap_url(viewer, roadmap, field_id),
            field=roadmap.network.theme.field,
            **self.chain_context(viewer, [roadmap]),
            **kwargs,
        )


class FieldChainView(_ChainView):
    """Wirkungskette of a field: its current roadmaps (public: the published ones)."""

    def get_context_data(self, **kwargs):
        field = get_object_or_404(SpecializationField.objects.live(), slug=kwargs["slug"])
        roles = roles_for(self.request.user)
        if roles.can_view_field_internals(field.pk):
            viewer = Viewer(roles=roles, public=False)
            roadmaps = list(
                Roadmap.objects.live()
                .filter(network__theme__field=field, is_current=True)
                .select_related("network__theme__field")
            )
        else:
            viewer = Viewer(roles=roles, public=True)
            roadmaps = list(fields_selectors.roadmap_list_public(field))
        return super().get_context_data(
            subject=field,
            subject_url=links.field_url(viewer, field),
            field=field,
            roadmaps=roadmaps,
            **self.chain_context(viewer, roadmaps),
            **kwargs,
        )


PAGE_SIZE = 20


class SearchView(TemplateView):
    """`/suche/`: every kind of object the role may see, ranked, with highlighted snippets."""

    template_name = "thread/search.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:200]
        kind = self.request.GET.get("art", "")
        groups = search.search(query, roles=roles_for(self.request.user))
        context = {"query": query, "groups": groups, "result_count": sum(g.total for g in groups)}
        chosen = next((g for g in groups if g.key == kind), None)
        if chosen is not None:
            # One kind, paged through all its hits.
            page = Paginator(chosen.ranked, PAGE_SIZE).get_page(self.request.GET.get("page"))
            context.update(kind=kind, chosen=chosen, page_obj=page, hits=list(page.object_list))
        return super().get_context_data(**context, **kwargs)
