"""Workspace pages for actors, value networks (with members) and needs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from .workspace import (
    WorkspaceArchiveView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceUpdateView,
    edit_views,
)


def _actors(roles):
    return selectors.actor_list_workspace()


class ActorListView(WorkspaceListView):
    capability = "can_edit_content"
    template_name = "fields/actor/list.html"
    page_title = gettext_lazy("Akteure")
    create_label = gettext_lazy("Akteur anlegen")
    create_url_name = "fields:actor_create"
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
        context["memberships"] = self.object.network_memberships.live().select_related("network")
        return context


ACTOR_EDIT_VIEWS = edit_views(
    "actor",
    _actors,
    forms.ActorForm,
    create=gettext_lazy("Akteur anlegen"),
    update=gettext_lazy("Akteur bearbeiten"),
)


# --- value networks -------------------------------------------------------------------------


class NetworkListView(WorkspaceListView):
    template_name = "fields/network/list.html"
    page_title = gettext_lazy("Wertschöpfungsnetzwerke")
    create_label = gettext_lazy("Netzwerk anlegen")
    create_url_name = "fields:network_create"
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
        context["memberships"] = network.memberships.live().select_related("actor")
        context["needs"] = network.needs.live()
        context["roadmaps"] = network.roadmaps.live().order_by("-number")
        if self.roles.can_edit_content:
            context["member_form"] = kwargs.get("member_form") or forms.MembershipForm()
        return context


NETWORK_EDIT_VIEWS = edit_views(
    "network",
    selectors.network_detail_workspace,
    forms.NetworkForm,
    create=gettext_lazy("Wertschöpfungsnetzwerk anlegen"),
    update=gettext_lazy("Wertschöpfungsnetzwerk bearbeiten"),
    initial_from=("theme",),
)


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
    heading = gettext_lazy("Rolle im Netzwerk bearbeiten")


class MembershipArchiveView(WorkspaceArchiveView):
    selector = selectors.membership_scope
    back_to = "network"


# --- needs ----------------------------------------------------------------------------------


class NeedListView(WorkspaceListView):
    template_name = "fields/need/list.html"
    page_title = gettext_lazy("Handlungsbedarfe und Engpässe")
    create_label = gettext_lazy("Handlungsbedarf anlegen")
    create_url_name = "fields:need_create"
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
        context["measures"] = self.object.measures.live().select_related("action_field__roadmap")
        return context


NEED_EDIT_VIEWS = edit_views(
    "need",
    selectors.need_list_workspace,
    forms.NeedForm,
    create=gettext_lazy("Handlungsbedarf anlegen"),
    update=gettext_lazy("Handlungsbedarf bearbeiten"),
    initial_from=("theme", "network"),
)
