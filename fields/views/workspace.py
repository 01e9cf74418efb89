"""Generic workspace building blocks shared by every page of the fields app."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from ris_portal.editing import ConfirmActionView, FormPageMixin, VersionedUpdateMixin
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.templatetags.ris import markdown

from .. import forms, services


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


class WorkspaceMixin(CapabilityRequiredMixin):
    capability = "can_view_internal_workspace"
    # callable(roles) -> queryset, scoped to the user's fields (out of scope → 404).
    selector = None

    def get_queryset(self):
        return type(self).selector(self.roles)


class WorkspaceListView(WorkspaceMixin, ListView):
    """A filtered list (`fields/generic/list_base.html`): `page_title` is its title, heading and
    table caption; editors get an "… anlegen" button when `create_url_name` is set."""

    paginate_by = 25
    page_title: Any = ""
    create_label: Any = ""
    create_url_name = ""
    filter_form_class = forms.FilterForm
    search_fields: tuple[str, ...] = ("name",)
    # filter form field -> queryset lookup
    filter_lookups: dict[str, str] = {}

    def get_queryset(self):
        queryset = super().get_queryset()
        form = self.filter_form = self.filter_form_class(self.request.GET or None, roles=self.roles)
        data = form.cleaned_data if form.is_valid() else {}
        if not data.get("archived"):
            queryset = queryset.live()
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
        context["page_title"] = self.page_title
        if self.create_url_name:
            context["create_url"] = reverse(self.create_url_name)
            context["create_label"] = self.create_label
        context["is_filtered"] = any(
            value for key, value in self.request.GET.items() if key != "page"
        )
        return context


class WorkspaceDetailView(WorkspaceMixin, DetailView):
    pass


class ContentEditMixin(FormPageMixin, WorkspaceMixin):
    capability = "can_edit_content"

    def get_cancel_url(self) -> str:
        obj = getattr(self, "object", None)
        return obj.get_absolute_url() if obj is not None and obj.pk else self.list_url()

    def list_url(self) -> str:
        return reverse("fields:field_list")


class WorkspaceCreateView(ContentEditMixin, CreateView):
    list_url_name = "fields:field_list"
    # GET parameters that preset the form ("…/neu/?theme=3" from the theme's page)
    initial_from: tuple[str, ...] = ()

    def get_queryset(self):  # pragma: no cover - CreateView needs no queryset
        return None

    def get_initial(self):
        return {name: self.request.GET.get(name) for name in self.initial_from}

    def list_url(self) -> str:
        return reverse(self.list_url_name)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.perform(form)
        except ValidationError as error:  # refused by the service
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def perform(self, form):
        """Create the row (a subclass may call a service instead) and return it."""
        return form.save()

    def get_success_message(self) -> str:
        return _("„%(name)s“ wurde angelegt.") % {"name": self.object}

    def get_success_url(self):
        return self.object.get_absolute_url()


class WorkspaceUpdateView(ContentEditMixin, VersionedUpdateMixin, UpdateView):
    def on_saved(self, obj):
        messages.success(self.request, _("Ihre Änderungen wurden gespeichert."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class WorkspaceArchiveView(WorkspaceMixin, SingleObjectMixin, ConfirmActionView):
    """GET: confirmation page; POST: archive (nothing is deleted)."""

    capability = "can_edit_content"
    list_url_name = "fields:field_list"
    back_to = ""  # the row whose page follows the archiving ("network"), else the list
    heading = gettext_lazy("Eintrag archivieren?")
    submit_label = gettext_lazy("Ja, archivieren")

    def get_target(self):
        self.object = self.get_object()
        return self.object

    def get_message(self) -> str:
        return _(
            "„%(name)s“ wird archiviert. Archivierte Einträge erscheinen nicht mehr in Listen "
            "und auf öffentlichen Seiten, werden aber nicht gelöscht: Der Verlauf bleibt "
            "erhalten, und Sie können den Eintrag über den Verlauf wiederherstellen."
        ) % {"name": self.target}

    def success_url(self) -> str:
        if self.back_to:
            return getattr(self.object, self.back_to).get_absolute_url()
        return reverse(self.list_url_name)

    def perform(self, version):
        services.object_archive(obj=self.target, expected_version=version, user=self.request.user)
        messages.success(self.request, _("„%(name)s“ wurde archiviert.") % {"name": self.target})
        return redirect(self.success_url())


class ScopedHistoryView(ObjectHistoryView):
    selector = None

    def get_queryset(self):
        return type(self).selector(self.roles)

    def get_back_url(self) -> str:
        return self.object.get_absolute_url()


def edit_views(
    entity: str,
    selector,
    form_class,
    *,
    update: Any,
    create: Any = "",
    initial_from: tuple[str, ...] = (),
    back_to: str = "",
    bases: dict[str, type] | None = None,
) -> dict[str, type]:
    """The standard pages that change the rows of one entity, by their key in
    `ris_portal.routes.crud`: "create" (if `create` gives its heading), "update" (heading
    `update`), "archive" and "history". `selector` scopes the rows, `form_class` edits them;
    creating and archiving lead to the entity's list (`fields:<entity>_list`), see
    `WorkspaceCreateView.initial_from` and `WorkspaceArchiveView.back_to` for the others.
    `bases` replaces the base view of a page (by key); every view knows its `entity`.
    """
    prefix = entity.title().replace("_", "")
    list_url_name = f"fields:{entity}_list"
    bases = {
        "create": WorkspaceCreateView,
        "update": WorkspaceUpdateView,
        "archive": WorkspaceArchiveView,
        "history": ScopedHistoryView,
        **(bases or {}),
    }

    def view(page: str, **attrs) -> type:
        name = f"{prefix}{page.title()}View"
        return type(name, (bases[page],), {"__module__": __name__, "entity": entity, **attrs})

    views = {}
    if create:
        views["create"] = view(
            "create",
            form_class=form_class,
            heading=create,
            list_url_name=list_url_name,
            initial_from=initial_from,
        )
    views["update"] = view("update", selector=selector, form_class=form_class, heading=update)
    archived_to = {"back_to": back_to} if back_to else {"list_url_name": list_url_name}
    views["archive"] = view("archive", selector=selector, **archived_to)
    views["history"] = view("history", selector=selector)
    return views


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
