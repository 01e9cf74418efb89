"""Workspace pages for specialization fields, themes and their relevance assessments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.concurrency import ConcurrentEditError
from ris_portal.editing import STALE_MESSAGE, ConfirmForm
from ris_portal.permissions import capability_required

from .. import forms, selectors, services
from ..charts import portfolio_chart
from ..models import ASSESSMENT_CRITERIA, Theme
from .workspace import (
    ScopedHistoryView,
    WorkspaceArchiveView,
    WorkspaceCreateView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceUpdateView,
    edit_views,
)


class FieldPageMixin:
    """The workspace pages of one field. A field's own URL is its public profile: these pages
    lead back to the field's workspace page instead."""

    selector = selectors.field_list_workspace

    def field_page_url(self) -> str:
        return reverse("fields:field_detail", kwargs={"pk": self.object.pk})


class FieldListView(WorkspaceListView):
    template_name = "fields/field/list.html"
    page_title = gettext_lazy("Spezialisierungsfelder")
    selector = selectors.field_list_workspace
    search_fields = ("name", "code")


class FieldDetailView(FieldPageMixin, WorkspaceDetailView):
    template_name = "fields/field/detail.html"
    context_object_name = "field"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = self.object
        context["themes"] = field.themes.live()
        context["networks"] = (
            selectors.network_list_workspace(self.roles).live().filter(theme__field=field)
        )
        context["needs"] = (
            selectors.need_list_workspace(self.roles).live().filter(theme__field=field)[:10]
        )
        context["roadmaps"] = (
            selectors.roadmap_list_workspace(self.roles)
            .live()
            .filter(network__theme__field=field, is_current=True)
        )
        return context


class FieldUpdateView(FieldPageMixin, WorkspaceUpdateView):
    form_class = forms.FieldForm
    heading = gettext_lazy("Spezialisierungsfeld bearbeiten")

    def get_success_url(self):
        return self.field_page_url()

    def get_cancel_url(self):
        return self.field_page_url()


class FieldArchiveView(FieldPageMixin, WorkspaceArchiveView):
    """Archive a field (confirmation page); afterwards the list of fields."""


class FieldHistoryView(FieldPageMixin, ScopedHistoryView):
    def get_back_url(self):
        return self.field_page_url()


class FieldPortfolioView(FieldPageMixin, WorkspaceDetailView):
    """Themes of a field against the four criteria: sortable table and SVG chart."""

    template_name = "fields/field/portfolio.html"
    context_object_name = "field"

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
    page_title = gettext_lazy("Themen")
    create_label = gettext_lazy("Thema anlegen")
    create_url_name = "fields:theme_create"
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
        context["assessments"] = theme.assessments.live().select_related("author")
        context["networks"] = theme.networks.live()
        context["needs"] = theme.needs.live()
        context["criteria"] = ASSESSMENT_CRITERIA
        return context


THEME_EDIT_VIEWS = edit_views(
    "theme",
    selectors.theme_detail_workspace,
    forms.ThemeForm,
    create=gettext_lazy("Thema anlegen"),
    update=gettext_lazy("Thema bearbeiten"),
    initial_from=("field",),
)


@capability_required("can_edit_content")
def theme_highlight(request, pk: int):
    """POST: mark a theme as highlight or back to active."""
    if request.method != "POST":
        return HttpResponse(status=405)
    theme = get_object_or_404(Theme, pk=pk)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.theme_set_highlight(
                theme=theme,
                highlight=request.POST.get("highlight") == "1",
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, STALE_MESSAGE)
        else:
            messages.success(request, _("Der Status des Themas wurde geändert."))
    return redirect(theme.get_absolute_url())


class AssessmentCreateView(WorkspaceCreateView):
    form_class = forms.AssessmentForm
    heading = gettext_lazy("Thema bewerten")
    intro = gettext_lazy(
        "Bewerten Sie das Thema auf den vier Relevanzkriterien der Strategie von 1 (trifft kaum "
        "zu) bis 5 (trifft voll zu) und begründen Sie Ihre Bewertung."
    )
    submit_label = gettext_lazy("Bewertung speichern")

    @cached_property
    def theme(self):
        return get_object_or_404(Theme, pk=self.kwargs["pk"])

    def get_initial(self):
        from django.utils import timezone

        return {"assessed_on": timezone.localdate()}

    def get_cancel_url(self):
        return self.theme.get_absolute_url()

    def get_preline(self):
        return self.theme.name

    def perform(self, form):
        data = {key: form.cleaned_data[key] for key, _label in ASSESSMENT_CRITERIA}
        return services.assessment_create(
            theme=self.theme,
            author=self.request.user,
            justification=form.cleaned_data["justification"],
            assessed_on=form.cleaned_data["assessed_on"],
            **data,
        )

    def get_success_message(self):
        return _("Die Bewertung wurde gespeichert.")

    def get_success_url(self):
        return self.theme.get_absolute_url()


ASSESSMENT_EDIT_VIEWS = edit_views(
    "assessment",
    selectors.assessment_scope,
    forms.AssessmentForm,
    update=gettext_lazy("Bewertung bearbeiten"),
    back_to="theme",
)
