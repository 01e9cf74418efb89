"""Workspace pages for actors, value networks (with members) and needs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, selectors, services
from .workspace import (
    ScopedHistoryView,
    WorkspaceArchiveView,
    WorkspaceCreateView,
    WorkspaceDetailView,
    WorkspaceListView,
    WorkspaceUpdateView,
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


class ActorCreateView(WorkspaceCreateView):
    form_class = forms.ActorForm
    heading = gettext_lazy("Akteur anlegen")
    list_url_name = "fields:actor_list"


class ActorUpdateView(WorkspaceUpdateView):
    form_class = forms.ActorForm
    selector = _actors
    heading = gettext_lazy("Akteur bearbeiten")


class ActorArchiveView(WorkspaceArchiveView):
    selector = _actors
    list_url_name = "fields:actor_list"


class ActorHistoryView(ScopedHistoryView):
    selector = _actors


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


class NetworkCreateView(WorkspaceCreateView):
    form_class = forms.NetworkForm
    heading = gettext_lazy("Wertschöpfungsnetzwerk anlegen")
    list_url_name = "fields:network_list"

    def get_initial(self):
        return {"theme": self.request.GET.get("theme")}


class NetworkUpdateView(WorkspaceUpdateView):
    form_class = forms.NetworkForm
    selector = selectors.network_detail_workspace
    heading = gettext_lazy("Wertschöpfungsnetzwerk bearbeiten")


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
    heading = gettext_lazy("Rolle im Netzwerk bearbeiten")


class MembershipArchiveView(WorkspaceArchiveView):
    selector = selectors.membership_scope

    def success_url(self):
        return self.object.network.get_absolute_url()


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


class NeedCreateView(WorkspaceCreateView):
    form_class = forms.NeedForm
    heading = gettext_lazy("Handlungsbedarf anlegen")
    list_url_name = "fields:need_list"

    def get_initial(self):
        return {"theme": self.request.GET.get("theme"), "network": self.request.GET.get("network")}


class NeedUpdateView(WorkspaceUpdateView):
    form_class = forms.NeedForm
    selector = selectors.need_list_workspace
    heading = gettext_lazy("Handlungsbedarf bearbeiten")


class NeedArchiveView(WorkspaceArchiveView):
    selector = selectors.need_list_workspace
    list_url_name = "fields:need_list"


class NeedHistoryView(ScopedHistoryView):
    selector = selectors.need_list_workspace
