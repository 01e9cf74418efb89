"""Workspace pages for roadmaps: list, detail, create, edit, workflow transitions, comments."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from personal.follows import FollowView, is_following
from ris_portal.concurrency import ensure_version
from ris_portal.editing import ConfirmActionView, comment_post

from .. import forms, selectors, services
from ..models import ActionField, Roadmap
from .workspace import (
    ScopedHistoryView,
    WorkspaceArchiveView,
    WorkspaceCreateView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceMixin,
    WorkspaceUpdateView,
)


class RoadmapListView(WorkspaceListView):
    template_name = "fields/roadmap/list.html"
    page_title = gettext_lazy("Roadmaps")
    create_label = gettext_lazy("Roadmap anlegen")
    create_url_name = "fields:roadmap_create"
    selector = selectors.roadmap_list_workspace
    filter_form_class = forms.RoadmapFilterForm
    search_fields = ("title", "network__name")
    filter_lookups = {"field": "network__theme__field", "status": "status"}


class RoadmapDetailView(WorkspaceDetailView):
    template_name = "fields/roadmap/detail.html"
    context_object_name = "roadmap"
    selector = selectors.roadmap_list_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(roadmap_context(self.request, self.object))
        context["comments"] = selectors.roadmap_comments(self.object)
        context["can_comment"] = self.object.is_commentable and self.roles.can_comment_on_field(
            self.object.network.theme.field_id
        )
        context["comment_form"] = kwargs.get("comment_form") or forms.CommentForm()
        context["other_versions"] = selectors.roadmap_other_versions(self.object, self.roles)
        context["following"] = is_following(user=self.request.user, obj=self.object)
        # The steering committee sees submitted roadmaps but not the field's internals
        # (networks, needs): no links to pages that would answer 404.
        context["field_internals"] = self.roles.can_view_field_internals(
            self.object.network.theme.field_id
        )
        return context


def roadmap_context(request, roadmap: Roadmap, **extra) -> dict:
    """Context of the roadmap structure fragment (action fields and measures)."""
    from ris_portal.roles import roles_for

    editable = roadmap.is_editable and roles_for(request.user).can_edit_content
    action_fields = list(selectors.roadmap_structure(roadmap))
    if editable:
        failed = extra.get("measure_form")
        shared_choices = {}  # the same actors and needs for every action field: query once
        for action_field in action_fields:
            if failed is not None and failed.prefix == measure_prefix(action_field.pk):
                action_field.new_measure_form = failed
                continue
            form = forms.MeasureForm(roadmap=roadmap, prefix=measure_prefix(action_field.pk))
            for name in ("responsible_actors", "needs"):
                if name not in shared_choices:
                    # (a comprehension, not list(): list() would COUNT first)
                    shared_choices[name] = [choice for choice in form.fields[name].choices]
                form.fields[name].choices = shared_choices[name]
            action_field.new_measure_form = form
    return {
        "roadmap": roadmap,
        "action_fields": action_fields,
        "editable": editable,
        "action_field_form": extra.get("action_field_form")
        or forms.ActionFieldForm(prefix=NEW_ACTION_FIELD_PREFIX),
    }


NEW_ACTION_FIELD_PREFIX = "new-action-field"


def measure_prefix(action_field_pk: int) -> str:
    return f"new-measure-{action_field_pk}"


def render_structure(request, roadmap: Roadmap, status: int = 200, **extra):
    return render(
        request,
        "fields/roadmap/fragment_structure.html",
        roadmap_context(request, roadmap, **extra),
        status=status,
    )


class RoadmapCreateView(WorkspaceCreateView):
    form_class = forms.RoadmapCreateForm
    heading = gettext_lazy("Roadmap anlegen")
    list_url_name = "fields:roadmap_list"
    initial_from = ("network",)

    def perform(self, form):
        return services.roadmap_create(
            network=form.cleaned_data["network"],
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
        )

    def get_success_message(self):
        return _("Die Roadmap wurde als Entwurf angelegt.")


def roadmap_of(obj) -> Roadmap:
    """The roadmap of a roadmap, an action field or a measure."""
    if isinstance(obj, Roadmap):
        return obj
    if isinstance(obj, ActionField):
        return obj.roadmap
    return obj.action_field.roadmap


class EditableRoadmapMixin:
    """Refuse edits of roadmaps that are submitted, approved or published (read-only)."""

    def roadmap_for(self, obj) -> Roadmap:
        return roadmap_of(obj)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        roadmap = self.roadmap_for(obj)
        if not roadmap.is_editable:
            raise ReadOnlyRoadmap(roadmap)
        return obj


class ReadOnlyRoadmap(Exception):
    def __init__(self, roadmap):
        self.roadmap = roadmap


class ReadOnlyRedirectMixin:
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ReadOnlyRoadmap as error:
            messages.error(
                request,
                _("Die Roadmap ist im Status „%(status)s“ und kann nicht bearbeitet werden.")
                % {"status": error.roadmap.get_status_display()},
            )
            return redirect(error.roadmap.get_absolute_url())


class RoadmapUpdateView(ReadOnlyRedirectMixin, EditableRoadmapMixin, WorkspaceUpdateView):
    form_class = forms.RoadmapForm
    selector = selectors.roadmap_list_workspace
    heading = gettext_lazy("Roadmap bearbeiten")


class RoadmapArchiveView(WorkspaceArchiveView):
    selector = selectors.roadmap_list_workspace
    list_url_name = "fields:roadmap_list"


class RoadmapHistoryView(ScopedHistoryView):
    selector = selectors.roadmap_list_workspace

    def restore_check(self, obj, record=None):
        services.roadmap_ensure_restorable(roadmap=obj)


class RoadmapTransitionView(WorkspaceMixin, ConfirmActionView):
    """Confirmation page and POST for Entwurf ⇄ Beiratsprüfung and "Neue Fassung anlegen"."""

    capability = "can_edit_content"
    selector = selectors.roadmap_list_workspace
    action = ""
    texts = {
        "board_review": (
            gettext_lazy("Zur Beiratsprüfung geben"),
            gettext_lazy(
                "Die Mitglieder des Strategiebeirats des Feldes können den Entwurf dann lesen "
                "und kommentieren. Sie können die Roadmap weiter bearbeiten."
            ),
        ),
        "draft": (
            gettext_lazy("Zurück in den Entwurf"),
            gettext_lazy(
                "Die Beiratsprüfung wird beendet; die Roadmap ist wieder ein Entwurf. "
                "Bereits abgegebene Kommentare bleiben erhalten."
            ),
        ),
        "new_version": (
            gettext_lazy("Neue Fassung anlegen"),
            gettext_lazy(
                "Die Roadmap wird mit allen Handlungsfeldern und Maßnahmen als neue Fassung "
                "(Entwurf) kopiert. Die bisherige Fassung bleibt unverändert erhalten; eine "
                "veröffentlichte Fassung bleibt öffentlich, bis die neue veröffentlicht ist."
            ),
        ),
    }

    def get_target(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_heading(self):
        return self.texts[self.action][0]

    def get_message(self):
        return self.texts[self.action][1]

    def perform(self, version):
        roadmap = self.target
        if self.action == "new_version":
            ensure_version(roadmap, version)
            roadmap = services.roadmap_new_version(roadmap=roadmap)
            message = _("Fassung %(number)s wurde als Entwurf angelegt.") % {
                "number": roadmap.number
            }
        elif self.action == "board_review":
            services.roadmap_start_board_review(roadmap=roadmap, expected_version=version)
            message = _("Die Roadmap ist jetzt in der Beiratsprüfung.")
        else:
            services.roadmap_back_to_draft(roadmap=roadmap, expected_version=version)
            message = _("Die Roadmap ist wieder ein Entwurf.")
        messages.success(self.request, message)
        return redirect(roadmap.get_absolute_url())


class RoadmapCommentView(WorkspaceMixin, DetailView):
    """POST: a board member of the field comments on a draft roadmap."""

    http_method_names = ["post"]
    selector = selectors.roadmap_list_workspace

    def post(self, request, *args, **kwargs):
        roadmap = self.object = self.get_object()
        if not self.roles.can_comment_on_field(roadmap.network.theme.field_id):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return comment_post(
            request,
            forms.CommentForm(request.POST),
            lambda text: services.roadmap_comment_create(
                roadmap=roadmap, author=request.user, text=text
            ),
            roadmap.get_absolute_url() + "#comments",
        )


class RoadmapFollowView(FollowView, WorkspaceMixin, DetailView):
    """POST: follow (or stop following) a roadmap one may see; followers hear of comments."""

    selector = selectors.roadmap_list_workspace
    followed_message = gettext_lazy("Sie folgen dieser Roadmap.")
    unfollowed_message = gettext_lazy("Sie folgen dieser Roadmap nicht mehr.")
