"""Action fields and measures, edited in place on the roadmap page (htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from .. import forms, selectors, services
from ..models import (
    ActionField,
)
from .roadmaps import (
    NEW_ACTION_FIELD_PREFIX,
    EditableRoadmapMixin,
    ReadOnlyRedirectMixin,
    measure_prefix,
    render_structure,
)
from .workspace import (
    ScopedHistoryView,
    WorkspaceArchiveView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceMixin,
    WorkspaceUpdateView,
    is_htmx,
)


class RoadmapStructureMixin(WorkspaceMixin):
    capability = "can_edit_content"

    def structure_response(self, roadmap, **extra):
        if is_htmx(self.request):
            return render_structure(self.request, roadmap, **extra)
        return redirect(roadmap.get_absolute_url())


class ActionFieldCreateView(RoadmapStructureMixin, View):
    def post(self, request, pk: int):
        roadmap = get_object_or_404(selectors.roadmap_list_workspace(self.roles), pk=pk)
        form = forms.ActionFieldForm(request.POST, prefix=NEW_ACTION_FIELD_PREFIX)
        if form.is_valid():
            try:
                services.action_field_create(roadmap=roadmap, **forms.values_of(form))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            # htmx: the structure again, the message comes with it (HtmxMessagesMiddleware);
            # a redirect would put the whole page into the structure's place.
            return self.structure_response(roadmap)
        elif is_htmx(request):
            return render_structure(request, roadmap, action_field_form=form)
        else:
            messages.error(request, _("Bitte geben Sie einen Titel für das Handlungsfeld ein."))
        return redirect(roadmap.get_absolute_url())


class MeasureCreateView(RoadmapStructureMixin, View):
    def post(self, request, pk: int):
        action_field = get_object_or_404(selectors.action_field_scope(self.roles), pk=pk)
        roadmap = action_field.roadmap
        form = forms.MeasureForm(
            request.POST, roadmap=roadmap, prefix=measure_prefix(action_field.pk)
        )
        if form.is_valid():
            try:
                services.measure_create(action_field=action_field, **forms.values_of(form))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return self.structure_response(roadmap)
        elif is_htmx(request):
            return render_structure(request, roadmap, measure_form=form)
        else:
            messages.error(
                request,
                _("Die Maßnahme wurde nicht angelegt: %(errors)s")
                % {"errors": "; ".join(e for errs in form.errors.values() for e in errs)},
            )
        return redirect(roadmap.get_absolute_url())


class MoveView(RoadmapStructureMixin, View):
    model_selector = None
    service = None

    def post(self, request, pk: int):
        obj = get_object_or_404(type(self).model_selector(self.roles), pk=pk)
        roadmap = obj.roadmap if isinstance(obj, ActionField) else obj.action_field.roadmap
        try:
            type(self).service(obj, direction=request.POST.get("direction", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self.structure_response(roadmap)


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
    """Full-page form without JavaScript; with htmx the form replaces the item in place."""

    fragment_template = ""

    def get_template_names(self):
        if is_htmx(self.request):
            return [self.fragment_template]
        return super().get_template_names()

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


class ActionFieldUpdateView(InPlaceUpdateMixin, WorkspaceUpdateView):
    form_class = forms.ActionFieldForm
    selector = selectors.action_field_scope
    heading = gettext_lazy("Handlungsfeld bearbeiten")
    fragment_template = "fields/roadmap/fragment_action_field_form.html"

    def roadmap_for(self, obj):
        return obj.roadmap

    def dom_id(self):
        return f"action-field-{self.object.pk}"


class ActionFieldArchiveView(ReadOnlyRedirectMixin, EditableRoadmapMixin, WorkspaceArchiveView):
    selector = selectors.action_field_scope

    def roadmap_for(self, obj):
        return obj.roadmap

    def success_url(self):
        return self.object.roadmap.get_absolute_url()


class ActionFieldHistoryView(ScopedHistoryView):
    selector = selectors.action_field_scope

    def restore_check(self, obj, record=None):
        services.roadmap_ensure_editable(roadmap=obj.roadmap)


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


class MeasureUpdateView(InPlaceUpdateMixin, WorkspaceUpdateView):
    form_class = forms.MeasureForm
    selector = selectors.measure_list_workspace
    heading = gettext_lazy("Maßnahme bearbeiten")
    fragment_template = "fields/roadmap/fragment_measure_form.html"

    def roadmap_for(self, obj):
        return obj.action_field.roadmap

    def dom_id(self):
        return f"measure-{self.object.pk}"


class MeasureArchiveView(ReadOnlyRedirectMixin, EditableRoadmapMixin, WorkspaceArchiveView):
    selector = selectors.measure_list_workspace

    def roadmap_for(self, obj):
        return obj.action_field.roadmap

    def success_url(self):
        return self.object.action_field.roadmap.get_absolute_url()


class MeasureHistoryView(ScopedHistoryView):
    selector = selectors.measure_list_workspace

    def restore_check(self, obj, record=None):
        services.roadmap_ensure_editable(roadmap=obj.action_field.roadmap)
