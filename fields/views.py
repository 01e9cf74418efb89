"""Views of the fields app: public pages and the staff workspace (thin; logic in services)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from ris_portal.concurrency import ConcurrentEditError, VersionedUpdateMixin
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.templatetags.ris import markdown

from . import forms, selectors, services
from .charts import portfolio_chart
from .models import (
    ASSESSMENT_CRITERIA,
    ActionField,
    Roadmap,
    SpecializationField,
    Theme,
)
from .selectors import theme_list_public

CONCURRENT_MESSAGE = gettext_lazy(
    "Der Eintrag wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie den aktuellen "
    "Stand und versuchen Sie es erneut."
)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- public ---------------------------------------------------------------------------------


class FieldPublicView(TemplateView):
    """Public profile of a specialization field with its themes, highlights and roadmaps."""

    template_name = "fields/field/public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = get_object_or_404(SpecializationField, slug=kwargs["slug"], is_archived=False)
        context["field"] = field
        context["themes"] = theme_list_public(field)
        context["networks"] = selectors.network_list_public(field)
        context["roadmaps"] = selectors.roadmap_list_public(field)
        return context


class RoadmapPublicView(DetailView):
    """A published roadmap; every other status answers 404."""

    template_name = "fields/roadmap/public_detail.html"
    context_object_name = "roadmap"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.roadmap_public(self.kwargs["pk"]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_fields"] = selectors.roadmap_structure(self.object)
        return context


class SearchView(TemplateView):
    template_name = "fields/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        results = selectors.search_public(query)
        context.update(
            query=query,
            results=results,
            result_count=sum(len(items) for items in results.values()),
        )
        return context


# --- generic workspace building blocks ------------------------------------------------------


class WorkspaceMixin(CapabilityRequiredMixin):
    capability = "can_view_internal_workspace"
    # callable(roles) -> queryset, scoped to the user's fields (out of scope → 404).
    selector = None

    def get_queryset(self):
        return type(self).selector(self.roles)


class WorkspaceListView(WorkspaceMixin, ListView):
    paginate_by = 25
    filter_form_class = forms.FilterForm
    search_fields: tuple[str, ...] = ("name",)
    # filter form field -> queryset lookup
    filter_lookups: dict[str, str] = {}

    def get_queryset(self):
        queryset = super().get_queryset()
        form = self.filter_form = self.filter_form_class(self.request.GET or None, roles=self.roles)
        data = form.cleaned_data if form.is_valid() else {}
        if not data.get("archived"):
            queryset = queryset.filter(is_archived=False)
        if data.get("q"):
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": data["q"]})
            queryset = queryset.filter(condition)
        for name, lookup in self.filter_lookups.items():
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(
            value for key, value in self.request.GET.items() if key != "page"
        )
        return context


class WorkspaceDetailView(WorkspaceMixin, DetailView):
    pass


class ContentEditMixin(WorkspaceMixin):
    capability = "can_edit_content"
    template_name = "fields/generic/form.html"
    page_title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.page_title
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_cancel_url(self) -> str:
        obj = getattr(self, "object", None)
        return obj.get_absolute_url() if obj is not None and obj.pk else self.list_url()

    def list_url(self) -> str:
        return reverse("fields:field_list")


class WorkspaceCreateView(ContentEditMixin, CreateView):
    list_url_name = "fields:field_list"

    def get_queryset(self):  # pragma: no cover - CreateView needs no queryset
        return None

    def list_url(self) -> str:
        return reverse(self.list_url_name)

    def form_valid(self, form):
        with transaction.atomic():
            self.object = form.save()
        messages.success(self.request, _("„%(name)s“ wurde angelegt.") % {"name": self.object})
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class WorkspaceUpdateView(ContentEditMixin, VersionedUpdateMixin, UpdateView):
    def on_saved(self, obj):
        messages.success(self.request, _("Ihre Änderungen wurden gespeichert."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class WorkspaceArchiveView(WorkspaceMixin, DetailView):
    """GET: confirmation page; POST: archive (nothing is deleted)."""

    capability = "can_edit_content"
    template_name = "fields/generic/confirm_archive.html"
    list_url_name = "fields:field_list"

    def success_url(self) -> str:
        return reverse(self.list_url_name)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = forms.VersionOnlyForm(request.POST)
        if not form.is_valid():
            return redirect(request.path)
        try:
            services.object_archive(
                obj=self.object, expected_version=form.cleaned_data["version"], user=request.user
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_MESSAGE)
            return redirect(request.path)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.object.get_absolute_url())
        messages.success(request, _("„%(name)s“ wurde archiviert.") % {"name": self.object})
        return redirect(self.success_url())


class ScopedHistoryView(ObjectHistoryView):
    selector = None

    def get_queryset(self):
        return type(self).selector(self.roles)

    def get_back_url(self) -> str:
        return self.object.get_absolute_url()


# --- specialization fields ------------------------------------------------------------------


class FieldListView(WorkspaceListView):
    template_name = "fields/field/list.html"
    selector = selectors.field_list_workspace
    search_fields = ("name", "code")


class FieldDetailView(WorkspaceDetailView):
    template_name = "fields/field/detail.html"
    context_object_name = "field"
    selector = selectors.field_list_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = self.object
        context["themes"] = field.themes.filter(is_archived=False)
        context["networks"] = selectors.network_list_workspace(self.roles).filter(
            theme__field=field, is_archived=False
        )
        context["needs"] = selectors.need_list_workspace(self.roles).filter(
            theme__field=field, is_archived=False
        )[:10]
        context["roadmaps"] = selectors.roadmap_list_workspace(self.roles).filter(
            network__theme__field=field, is_archived=False, is_current=True
        )
        return context


class FieldUpdateView(WorkspaceUpdateView):
    form_class = forms.FieldForm
    selector = selectors.field_list_workspace
    page_title = gettext_lazy("Spezialisierungsfeld bearbeiten")

    def get_success_url(self):
        return reverse("fields:field_detail", kwargs={"pk": self.object.pk})

    def get_cancel_url(self):
        return self.get_success_url()


class FieldArchiveView(WorkspaceArchiveView):
    selector = selectors.field_list_workspace


class FieldHistoryView(ScopedHistoryView):
    selector = selectors.field_list_workspace

    def get_back_url(self):
        return reverse("fields:field_detail", kwargs={"pk": self.object.pk})


class FieldPortfolioView(WorkspaceDetailView):
    """Themes of a field against the four criteria: sortable table and SVG chart."""

    template_name = "fields/field/portfolio.html"
    context_object_name = "field"
    selector = selectors.field_list_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort = self.request.GET.get("sort", "name")
        rows = selectors.portfolio_rows(self.object, sort=sort)
        context.update(
            rows=rows,
            sort=sort,
            criteria=ASSESSMENT_CRITERIA,
            chart=portfolio_chart(rows),
        )
        return context


# --- themes and assessments -----------------------------------------------------------------


class ThemeListView(WorkspaceListView):
    template_name = "fields/theme/list.html"
    selector = selectors.theme_list_workspace
    filter_form_class = forms.ThemeFilterForm
    search_fields = ("name", "name_en", "description")
    filter_lookups = {"field": "field", "status": "status"}


class ThemeDetailView(WorkspaceDetailView):
    template_name = "fields/theme/detail.html"
    context_object_name = "theme"
    selector = selectors.theme_detail_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = self.object
        context["assessments"] = theme.assessments.filter(is_archived=False).select_related(
            "author"
        )
        context["networks"] = theme.networks.filter(is_archived=False)
        context["needs"] = theme.needs.filter(is_archived=False)
        context["criteria"] = ASSESSMENT_CRITERIA
        return context


class ThemeCreateView(WorkspaceCreateView):
    form_class = forms.ThemeForm
    page_title = gettext_lazy("Thema anlegen")
    list_url_name = "fields:theme_list"

    def get_initial(self):
        return {"field": self.request.GET.get("field")}


class ThemeUpdateView(WorkspaceUpdateView):
    form_class = forms.ThemeForm
    selector = selectors.theme_detail_workspace
    page_title = gettext_lazy("Thema bearbeiten")


class ThemeArchiveView(WorkspaceArchiveView):
    selector = selectors.theme_detail_workspace
    list_url_name = "fields:theme_list"


class ThemeHistoryView(ScopedHistoryView):
    selector = selectors.theme_detail_workspace


@capability_required("can_edit_content")
def theme_highlight(request, pk: int):
    """POST: mark a theme as highlight or back to active."""
    if request.method != "POST":
        return HttpResponse(status=405)
    theme = get_object_or_404(Theme, pk=pk)
    form = forms.VersionOnlyForm(request.POST)
    if form.is_valid():
        try:
            services.theme_set_highlight(
                theme=theme,
                highlight=request.POST.get("highlight") == "1",
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_MESSAGE)
        else:
            messages.success(request, _("Der Status des Themas wurde geändert."))
    return redirect(theme.get_absolute_url())


class AssessmentCreateView(ContentEditMixin, CreateView):
    form_class = forms.AssessmentForm
    page_title = gettext_lazy("Thema bewerten")
    template_name = "fields/theme/assessment_form.html"

    @cached_property
    def theme(self):
        return get_object_or_404(Theme, pk=self.kwargs["pk"])

    def get_queryset(self):  # pragma: no cover
        return None

    def get_initial(self):
        from django.utils import timezone

        return {"assessed_on": timezone.localdate()}

    def get_cancel_url(self):
        return self.theme.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["theme"] = self.theme
        return context

    def form_valid(self, form):
        data = {key: form.cleaned_data[key] for key, _label in ASSESSMENT_CRITERIA}
        try:
            services.assessment_create(
                theme=self.theme,
                author=self.request.user,
                justification=form.cleaned_data["justification"],
                assessed_on=form.cleaned_data["assessed_on"],
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Bewertung wurde gespeichert."))
        return redirect(self.theme.get_absolute_url())


class AssessmentUpdateView(WorkspaceUpdateView):
    form_class = forms.AssessmentForm
    selector = selectors.assessment_scope
    page_title = gettext_lazy("Bewertung bearbeiten")


class AssessmentArchiveView(WorkspaceArchiveView):
    selector = selectors.assessment_scope

    def success_url(self):
        return self.object.theme.get_absolute_url()


class AssessmentHistoryView(ScopedHistoryView):
    selector = selectors.assessment_scope


# --- actors ---------------------------------------------------------------------------------


def _actors(roles):
    return selectors.actor_list_workspace()


class ActorListView(WorkspaceListView):
    capability = "can_edit_content"
    template_name = "fields/actor/list.html"
    selector = _actors
    filter_form_class = forms.ActorFilterForm
    search_fields = ("name", "city")
    filter_lookups = {"kind": "kind"}


class ActorDetailView(WorkspaceDetailView):
    capability = "can_edit_content"
    template_name = "fields/actor/detail.html"
    context_object_name = "actor"
    selector = _actors

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.network_memberships.filter(
            is_archived=False
        ).select_related("network")
        return context


class ActorCreateView(WorkspaceCreateView):
    form_class = forms.ActorForm
    page_title = gettext_lazy("Akteur anlegen")
    list_url_name = "fields:actor_list"


class ActorUpdateView(WorkspaceUpdateView):
    form_class = forms.ActorForm
    selector = _actors
    page_title = gettext_lazy("Akteur bearbeiten")


class ActorArchiveView(WorkspaceArchiveView):
    selector = _actors
    list_url_name = "fields:actor_list"


class ActorHistoryView(ScopedHistoryView):
    selector = _actors


# --- value networks -------------------------------------------------------------------------


class NetworkListView(WorkspaceListView):
    template_name = "fields/network/list.html"
    selector = selectors.network_list_workspace
    filter_form_class = forms.NetworkFilterForm
    search_fields = ("name", "description", "theme__name")
    filter_lookups = {"field": "theme__field"}


class NetworkDetailView(WorkspaceDetailView):
    template_name = "fields/network/detail.html"
    context_object_name = "network"
    selector = selectors.network_detail_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = self.object
        context["memberships"] = network.memberships.filter(is_archived=False).select_related(
            "actor"
        )
        context["needs"] = network.needs.filter(is_archived=False)
        context["roadmaps"] = network.roadmaps.filter(is_archived=False).order_by("-number")
        if self.roles.can_edit_content:
            context["member_form"] = kwargs.get("member_form") or forms.MembershipForm()
        return context


class NetworkCreateView(WorkspaceCreateView):
    form_class = forms.NetworkForm
    page_title = gettext_lazy("Wertschöpfungsnetzwerk anlegen")
    list_url_name = "fields:network_list"

    def get_initial(self):
        return {"theme": self.request.GET.get("theme")}


class NetworkUpdateView(WorkspaceUpdateView):
    form_class = forms.NetworkForm
    selector = selectors.network_detail_workspace
    page_title = gettext_lazy("Wertschöpfungsnetzwerk bearbeiten")


class NetworkArchiveView(WorkspaceArchiveView):
    selector = selectors.network_detail_workspace
    list_url_name = "fields:network_list"


class NetworkHistoryView(ScopedHistoryView):
    selector = selectors.network_detail_workspace


class MembershipAddView(NetworkDetailView):
    """POST from the network page: add an actor with its role in the value chain."""

    capability = "can_edit_content"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = forms.MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.network_member_add(network=self.object, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(actor)s wurde dem Netzwerk hinzugefügt.")
                    % {"actor": form.cleaned_data["actor"]},
                )
                return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(member_form=form), status=400)


class MembershipUpdateView(WorkspaceUpdateView):
    form_class = forms.MembershipEditForm
    selector = selectors.membership_scope
    page_title = gettext_lazy("Rolle im Netzwerk bearbeiten")


class MembershipArchiveView(WorkspaceArchiveView):
    selector = selectors.membership_scope

    def success_url(self):
        return self.object.network.get_absolute_url()


# --- needs ----------------------------------------------------------------------------------


class NeedListView(WorkspaceListView):
    template_name = "fields/need/list.html"
    selector = selectors.need_list_workspace
    filter_form_class = forms.NeedFilterForm
    search_fields = ("title", "description")
    filter_lookups = {"field": "theme__field", "kind": "kind", "status": "status"}


class NeedDetailView(WorkspaceDetailView):
    template_name = "fields/need/detail.html"
    context_object_name = "need"
    selector = selectors.need_list_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measures"] = self.object.measures.filter(is_archived=False).select_related(
            "action_field__roadmap"
        )
        return context


class NeedCreateView(WorkspaceCreateView):
    form_class = forms.NeedForm
    page_title = gettext_lazy("Handlungsbedarf anlegen")
    list_url_name = "fields:need_list"

    def get_initial(self):
        return {"theme": self.request.GET.get("theme"), "network": self.request.GET.get("network")}


class NeedUpdateView(WorkspaceUpdateView):
    form_class = forms.NeedForm
    selector = selectors.need_list_workspace
    page_title = gettext_lazy("Handlungsbedarf bearbeiten")


class NeedArchiveView(WorkspaceArchiveView):
    selector = selectors.need_list_workspace
    list_url_name = "fields:need_list"


class NeedHistoryView(ScopedHistoryView):
    selector = selectors.need_list_workspace


# --- roadmaps -------------------------------------------------------------------------------


class RoadmapListView(WorkspaceListView):
    template_name = "fields/roadmap/list.html"
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
        context["other_versions"] = self.object.network.roadmaps.exclude(pk=self.object.pk)
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
    page_title = gettext_lazy("Roadmap anlegen")
    list_url_name = "fields:roadmap_list"

    def get_initial(self):
        return {"network": self.request.GET.get("network")}

    def form_valid(self, form):
        try:
            self.object = services.roadmap_create(
                network=form.cleaned_data["network"],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Roadmap wurde als Entwurf angelegt."))
        return redirect(self.object.get_absolute_url())


class EditableRoadmapMixin:
    """Refuse edits of roadmaps that are submitted, approved or published (read-only)."""

    def roadmap_for(self, obj) -> Roadmap:
        return obj

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
    page_title = gettext_lazy("Roadmap bearbeiten")


class RoadmapArchiveView(WorkspaceArchiveView):
    selector = selectors.roadmap_list_workspace
    list_url_name = "fields:roadmap_list"


class RoadmapHistoryView(ScopedHistoryView):
    selector = selectors.roadmap_list_workspace

    def restore_check(self, obj, record=None):
        services.roadmap_ensure_restorable(roadmap=obj)


class RoadmapTransitionView(WorkspaceMixin, DetailView):
    """Confirmation page and POST for Entwurf ⇄ Beiratsprüfung and "Neue Fassung anlegen"."""

    capability = "can_edit_content"
    selector = selectors.roadmap_list_workspace
    template_name = "fields/roadmap/confirm_transition.html"
    context_object_name = "roadmap"
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"], context["explanation"] = self.texts[self.action]
        return context

    def post(self, request, *args, **kwargs):
        roadmap = self.object = self.get_object()
        form = forms.VersionOnlyForm(request.POST)
        if not form.is_valid():
            return redirect(request.path)
        version = form.cleaned_data["version"]
        try:
            if self.action == "new_version":
                if version != roadmap.version:
                    raise ConcurrentEditError(roadmap, [])
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
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_MESSAGE)
            return redirect(self.object.get_absolute_url())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.object.get_absolute_url())
        messages.success(request, message)
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
        form = forms.CommentForm(request.POST)
        if form.is_valid():
            try:
                services.roadmap_comment_create(
                    roadmap=roadmap, author=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Ihr Kommentar wurde gespeichert."))
        else:
            messages.error(request, _("Bitte geben Sie einen Kommentar ein."))
        return redirect(roadmap.get_absolute_url() + "#comments")


# --- action fields and measures (in place on the roadmap page, htmx) ------------------------


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
            else:
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
            else:
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
            return redirect(roadmap.get_absolute_url())
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
    page_title = gettext_lazy("Handlungsfeld bearbeiten")
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


class MeasureUpdateView(InPlaceUpdateMixin, WorkspaceUpdateView):
    form_class = forms.MeasureForm
    selector = selectors.measure_list_workspace
    page_title = gettext_lazy("Maßnahme bearbeiten")
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


# --- helpers --------------------------------------------------------------------------------


@capability_required("can_edit_content")
def markdown_preview(request):
    """htmx: the sanitised HTML of a Markdown text (the same filter the pages use)."""
    if request.method != "POST":
        raise Http404
    name = request.POST.get("_field", "")
    text = request.POST.get(name, "") if name else ""
    html = markdown(text) or _("(leer)")
    return HttpResponse(html)
