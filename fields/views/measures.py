"""Action fields and measures, edited in place on the roadmap page (htmx)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import forms, selectors, services
from .roadmaps import (
    NEW_ACTION_FIELD_PREFIX,
    EditableRoadmapMixin,
    ReadOnlyRedirectMixin,
    measure_prefix,
    render_structure,
    roadmap_of,
)
from .workspace import (
    ScopedHistoryView,
    WorkspaceArchiveView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceMixin,
    WorkspaceUpdateView,
    edit_views,
    is_htmx,
)


class RoadmapStructureMixin(WorkspaceMixin):
    capability = "can_edit_content"

    def structure_response(self, roadmap, **extra):
        if is_htmx(self.request):
            return render_structure(self.request, roadmap, **extra)
        return redirect(roadmap.get_absolute_url())


class StructureCreateView(RoadmapStructureMixin, View):
    """POST from the roadmap page: a new item below `parent` (the roadmap or an action field).

    Subclasses name the parent (`parent_selector`), the form (`get_form`), the service call
    (`create`) and the message without htmx for a refused form; with htmx the refused form
    comes back in the structure as `form_name`.
    """

    parent_selector: Any = None
    form_name = ""

    def post(self, request, pk: int):
        parent = get_object_or_404(type(self).parent_selector(self.roles), pk=pk)
        roadmap = roadmap_of(parent)
        form = self.get_form(parent)
        if form.is_valid():
            try:
                self.create(parent, forms.values_of(form))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            # htmx: the structure again, the message comes with it (HtmxMessagesMiddleware);
            # a redirect would put the whole page into the structure's place.
            return self.structure_response(roadmap)
        if is_htmx(request):
            return render_structure(request, roadmap, **{self.form_name: form})
        messages.error(request, self.refused_message(form))
        return redirect(roadmap.get_absolute_url())


class ActionFieldCreateView(StructureCreateView):
    parent_selector = selectors.roadmap_list_workspace
    form_name = "action_field_form"

    def get_form(self, roadmap):
        return forms.ActionFieldForm(self.request.POST, prefix=NEW_ACTION_FIELD_PREFIX)

    def create(self, roadmap, values):
        services.action_field_create(roadmap=roadmap, **values)

    def refused_message(self, form):
        return _("Bitte geben Sie einen Titel für das Handlungsfeld ein.")


class MeasureCreateView(StructureCreateView):
    parent_selector = selectors.action_field_scope
    form_name = "measure_form"

    def get_form(self, action_field):
        return forms.MeasureForm(
            self.request.POST, roadmap=action_field.roadmap, prefix=measure_prefix(action_field.pk)
        )

    def create(self, action_field, values):
        services.measure_create(action_field=action_field, **values)

    def refused_message(self, form):
        return _("Die Maßnahme wurde nicht angelegt: %(errors)s") % {
            "errors": "; ".join(e for errs in form.errors.values() for e in errs)
        }


class MoveView(RoadmapStructureMixin, View):
    model_selector = None
    service = None

    def post(self, request, pk: int):
        obj = get_object_or_404(type(self).model_selector(self.roles), pk=pk)
        try:
            type(self).service(obj, direction=request.POST.get("direction", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self.structure_response(roadmap_of(obj))


class ActionFieldMoveView(MoveView):
    model_selector = selectors.action_field_scope

    @staticmethod
    def service(obj, direction):
        services.action_field_move(action_field=obj, direction=direction)


class MeasureMoveView(MoveView):
    model_selector = selectors.measure_list_workspace

    @staticmethod
    def service(obj, direction):
        services.measure_move(measure=obj, direction=direction)


class InPlaceUpdateMixin(ReadOnlyRedirectMixin, EditableRoadmapMixin):
    """Full-page form without JavaScript; with htmx the form replaces the item in place.

    The item's `entity` names its form fragment (`fields/roadmap/fragment_<entity>_form.html`)
    and its element on the roadmap page ("action-field-7").
    """

    entity = ""

    def get_template_names(self):
        if is_htmx(self.request):
            return [f"fields/roadmap/fragment_{self.entity}_form.html"]
        return super().get_template_names()

    def dom_id(self):
        return f"{self.entity.replace('_', '-')}-{self.object.pk}"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if is_htmx(self.request) and self.request.method == "POST":
            # Validation error or conflict: show the form again where it was.
            response["HX-Retarget"] = f"#{self.dom_id()}"
            response["HX-Reswap"] = "outerHTML"
        return response

    def on_saved(self, obj):
        if is_htmx(self.request):
            return render_structure(self.request, self.roadmap_for(obj))
        messages.success(self.request, _("Ihre Änderungen wurden gespeichert."))
        return redirect(self.get_success_url())


class StructureArchiveView(ReadOnlyRedirectMixin, EditableRoadmapMixin, WorkspaceArchiveView):
    """Archive an action field or a measure of an editable roadmap; back to the roadmap."""

    def success_url(self):
        return roadmap_of(self.object).get_absolute_url()


class StructureHistoryView(ScopedHistoryView):
    """History of an action field or a measure; restored only while the roadmap is editable."""

    def restore_check(self, obj, record=None):
        services.roadmap_ensure_editable(roadmap=roadmap_of(obj))


class StructureUpdateView(InPlaceUpdateMixin, WorkspaceUpdateView):
    """Edit an action field or a measure of an editable roadmap (in place with htmx)."""


def structure_edit_views(entity: str, selector, form_class, heading) -> dict[str, type]:
    """The edit, archive and history pages of a roadmap's items (see `edit_views`)."""
    bases = {
        "update": StructureUpdateView,
        "archive": StructureArchiveView,
        "history": StructureHistoryView,
    }
    return edit_views(entity, selector, form_class, update=heading, bases=bases)


ACTION_FIELD_EDIT_VIEWS = structure_edit_views(
    "action_field",
    selectors.action_field_scope,
    forms.ActionFieldForm,
    gettext_lazy("Handlungsfeld bearbeiten"),
)


class MeasureListView(WorkspaceListView):
    template_name = "fields/measure/list.html"
    page_title = gettext_lazy("Maßnahmen")
    selector = selectors.measure_list_workspace
    filter_form_class = forms.MeasureFilterForm
    search_fields = ("title", "description")
    filter_lookups = {"field": "action_field__roadmap__network__theme__field", "status": "status"}

    def get_queryset(self):
        # Measures of current roadmap versions only; older versions are reachable from there.
        return super().get_queryset().filter(action_field__roadmap__is_current=True)


class MeasureDetailView(WorkspaceDetailView):
    template_name = "fields/measure/detail.html"
    context_object_name = "measure"
    selector = selectors.measure_list_workspace

    def get_queryset(self):
        return super().get_queryset().prefetch_related("responsible_actors", "needs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field_id = self.object.action_field.roadmap.network.theme.field_id
        context["field_internals"] = self.roles.can_view_field_internals(field_id)
        return context


MEASURE_EDIT_VIEWS = structure_edit_views(
    "measure",
    selectors.measure_list_workspace,
    forms.MeasureForm,
    gettext_lazy("Maßnahme bearbeiten"),
)
