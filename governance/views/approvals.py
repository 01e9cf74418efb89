"""Approvals by the steering committee: submit, decide, publish; development goals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView

from fields import services as fields_services
from personal.follows import FollowView, is_following
from ris_portal.editing import (
    ConfirmActionView,
    ServiceFormView,
    VersionedFormMixin,
    VersionedUpdateView,
)
from ris_portal.history_views import ObjectHistoryView
from ris_portal.lists import CapabilityListView, QueryFilterMixin
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.roles import roles_for

from .. import selectors, services
from ..forms import (
    ApprovalDecideForm,
    GoalForm,
)
from ..models import (
    DevelopmentGoal,
)

APPROVAL_VIEWS = {
    "eingereicht": gettext_lazy("Eingereichte Vorlagen"),
    "einreichen": gettext_lazy("Roadmaps zum Einreichen"),
    "veroeffentlichen": gettext_lazy("Beschlossene Roadmaps zum Veröffentlichen"),
}


class ApprovalListView(CapabilityListView):
    """„Beschlussvorlagen“: what waits for the Lenkungskreis; staff also submit and publish."""

    capability = "can_decide"
    template_name = "governance/approval/list.html"
    context_object_name = "entries"

    def view_name(self) -> str:
        view = self.request.GET.get("ansicht", "eingereicht")
        if view not in APPROVAL_VIEWS or (
            view != "eingereicht" and not self.roles.can_edit_content
        ):
            return "eingereicht"
        return view

    def get_queryset(self):
        view = self.view_name()
        if view == "einreichen":
            return [("roadmap", r) for r in selectors.roadmaps_to_submit()]
        if view == "veroeffentlichen":
            return [("roadmap", r) for r in selectors.roadmaps_to_publish()]
        queue = selectors.approval_queue()
        entries = [("roadmap", r) for r in queue["roadmaps"]] + [
            ("goal", g) for g in queue["goals"]
        ]
        return sorted(entries, key=lambda entry: entry[1].submitted_at or timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["view"] = self.view_name()
        context["views"] = APPROVAL_VIEWS if self.roles.can_edit_content else {}
        context["heading"] = APPROVAL_VIEWS[context["view"]]
        return context


def _approval_objects(kind: str, roles):
    """The roadmaps or goals this role may see on the approval pages (others answer 404)."""
    if kind == "roadmap":
        return selectors.approval_roadmaps_for(roles)
    return selectors.approval_goals_for(roles)


class _ApprovalObjectMixin:
    model_kind = "roadmap"

    def get_target(self):
        return get_object_or_404(
            _approval_objects(self.model_kind, roles_for(self.request.user)), pk=self.kwargs["pk"]
        )

    def get_cancel_url(self):
        return reverse("governance:approval_list")


class RoadmapSubmitView(_ApprovalObjectMixin, ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Beim Lenkungskreis einreichen")
    message = gettext_lazy(
        "Die Vorlage wird dem Lenkungskreis zur Entscheidung vorgelegt. Bis zur Entscheidung "
        "ist sie in der Liste der Beschlussvorlagen sichtbar."
    )
    submit_label = gettext_lazy("Einreichen")

    def perform(self, version):
        services.approval_submit(obj=self.target, expected_version=version, actor=self.request.user)
        messages.success(self.request, _("Die Vorlage ist beim Lenkungskreis eingereicht."))
        return redirect(reverse("governance:approval_list"))


class GoalSubmitView(RoadmapSubmitView):
    model_kind = "goal"


class RoadmapDecideView(
    _ApprovalObjectMixin, CapabilityRequiredMixin, VersionedFormMixin, FormView
):
    """Lenkungskreis members approve or return; staff record a decision taken in a meeting."""

    capability = "can_decide"
    template_name = "governance/approval/decide.html"
    form_class = ApprovalDecideForm

    def load_objects(self):
        self.target = self.get_target()

    def get(self, request, *args, **kwargs):
        return self._refuse_unless_submitted() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_unless_submitted() or super().post(request, *args, **kwargs)

    def _refuse_unless_submitted(self):
        # A second click after the decision, or an old link: say so instead of a form whose
        # submission the service would refuse.
        if self.target.status == self.target.Status.SUBMITTED:
            return None
        messages.info(
            self.request,
            _("Über „%(title)s“ ist nicht zu entscheiden: Der Status ist „%(status)s“.")
            % {"title": self.target.title, "status": self.target.get_status_display()},
        )
        return redirect("governance:approval_list")

    def _staff_records(self) -> bool:
        # Staff who are not themselves members of the Lenkungskreis record a meeting decision.
        return not self.roles.is_steering

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meetings": selectors.meetings_of_steering_committee(),
            "meeting_required": self._staff_records(),
            "recommendations": self.target.recommendations.live()
            .filter(status="abgegeben")
            .select_related("body"),
        }

    def get_initial(self):
        return {"version": self.target.version}

    def get_context_data(self, **kwargs):
        is_roadmap = self.model_kind == "roadmap"
        # What the Lenkungskreis weighs: the board's recommendations, the results of the review
        # rounds on the needs the roadmap addresses, and the board members' comments.
        need_ids = selectors.roadmap_need_ids(self.target) if is_roadmap else set()
        return super().get_context_data(
            target=self.target,
            kind=self.model_kind,
            subject_kind="roadmap" if is_roadmap else "ziel",
            recommendations=selectors.recommendations_of(self.target),
            round_results=selectors.review_results_for_needs(need_ids) if need_ids else [],
            board_comments=self.target.comments.select_related("author") if is_roadmap else [],
            staff_records=self._staff_records(),
            history=self.target.history.select_related("history_user")[:10],
            cancel_url=reverse("governance:approval_list"),
            **kwargs,
        )

    def save_form(self, form):
        data = form.cleaned_data
        return services.approval_decide(
            obj=self.target,
            approve=data["decision"] == "approve",
            reason=data.get("reason") or "",
            meeting=data.get("meeting"),
            votes_yes=data.get("votes_yes") or 0,
            votes_no=data.get("votes_no") or 0,
            votes_abstain=data.get("votes_abstain") or 0,
            recommendation=data.get("recommendation"),
            deviation_reason=data.get("deviation_reason") or "",
            decided_by=self.request.user,
            expected_version=data["version"],
        )

    def form_conflict(self, form, conflict):
        self.target = conflict.current
        return super().form_conflict(form, conflict)

    def on_saved(self, obj):
        if self.request.POST.get("decision") == "approve":
            messages.success(self.request, _("Die Vorlage ist beschlossen."))
        else:
            messages.success(self.request, _("Die Vorlage ist zurückgegeben."))
        return redirect("governance:approval_list")


class GoalDecideView(RoadmapDecideView):
    model_kind = "goal"


class RoadmapPublishView(_ApprovalObjectMixin, ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Roadmap veröffentlichen")
    message = gettext_lazy(
        "Die beschlossene Roadmap wird auf den öffentlichen Seiten des Portals sichtbar."
    )
    submit_label = gettext_lazy("Veröffentlichen")

    def perform(self, version):
        services.roadmap_publish(roadmap=self.target, expected_version=version)
        messages.success(self.request, _("Die Roadmap ist veröffentlicht."))
        return redirect(reverse("governance:approval_list") + "?ansicht=veroeffentlichen")


class RoadmapHistoryView(ObjectHistoryView):
    capability = "can_decide"
    model_kind = "roadmap"
    back_url_name = "governance:approval_list"

    def get_object(self, queryset=None):
        return get_object_or_404(
            _approval_objects(self.model_kind, self.roles), pk=self.kwargs["pk"]
        )

    def restore_check(self, obj, record=None):
        fields_services.roadmap_ensure_restorable(roadmap=obj)


class GoalHistoryView(RoadmapHistoryView):
    model_kind = "goal"
    back_url_name = ""  # back to the goal's page (whoever opens the history may open it)

    def restore_check(self, obj, record=None):
        services.goal_ensure_editable(goal=obj)


class _GoalScopedMixin(CapabilityRequiredMixin):
    """Goals as `selectors.goals_for` scopes them: every role with a workspace may come (others
    403); a goal outside the role's scope answers 404."""

    capability = "can_view_internal_workspace"

    def get_queryset(self):
        return selectors.goals_for(self.roles)


class GoalDetailView(_GoalScopedMixin, DetailView):
    """The page of a development goal: its state, the board's recommendations, the decisions
    of the steering committee, the follow button and the actions the role may take."""

    template_name = "governance/goal/detail.html"
    context_object_name = "goal"

    def get_context_data(self, **kwargs):
        goal, roles = self.object, self.roles
        return super().get_context_data(
            recommendations=selectors.goal_recommendations(roles, goal),
            decisions=selectors.goal_decisions(roles, goal),
            following=is_following(user=self.request.user, obj=goal),
            # History and decide are approval pages: staff, the steering committee once the
            # goal was submitted to it (a board member or the ministry would meet 403 or 404).
            approval_pages=selectors.goal_in_approval_scope(roles, goal),
            **kwargs,
        )


class GoalFollowView(FollowView, _GoalScopedMixin, DetailView):
    """POST: follow (or stop following) a goal one may see; followers hear of its decisions."""

    followed_message = gettext_lazy("Sie folgen diesem Entwicklungsziel.")
    unfollowed_message = gettext_lazy("Sie folgen diesem Entwicklungsziel nicht mehr.")


class GoalListView(QueryFilterMixin, CapabilityListView):
    """Every goal the role may see (`selectors.goals_for`), each linked to its page."""

    capability = "can_view_internal_workspace"
    template_name = "governance/goal/list.html"
    context_object_name = "goals"
    filters = {"feld": "selected_field", "status": "selected_status"}

    def get_queryset(self):
        return selectors.goal_list(
            self.roles,
            field_id=self.number("feld"),
            status=self.choice("status", DevelopmentGoal.Status),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            fields=selectors.goal_fields(self.roles),
            statuses=DevelopmentGoal.Status.choices,
            **kwargs,
        )
        for goal in context["goals"]:
            goal.approval_pages = selectors.goal_in_approval_scope(self.roles, goal)
        return context


class GoalCreateView(ServiceFormView):
    form_class = GoalForm
    heading = gettext_lazy("Entwicklungsziel anlegen")
    submit_label = gettext_lazy("Anlegen")
    cancel_url = success_url = reverse_lazy("governance:goal_list")
    success_message = gettext_lazy("Das Entwicklungsziel ist angelegt.")

    def perform(self, form):
        return services.goal_save(goal=form.save(commit=False))


class GoalUpdateView(VersionedUpdateView):
    """Edits only while the goal is a draft or returned; a later submit bumps the version."""

    form_class = GoalForm
    queryset = DevelopmentGoal.objects.live()
    heading = gettext_lazy("Entwicklungsziel bearbeiten")

    def get(self, request, *args, **kwargs):
        return self._refuse_unless_editable() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_unless_editable() or super().post(request, *args, **kwargs)

    def _refuse_unless_editable(self):
        try:
            services.goal_ensure_editable(goal=self.get_object())
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_object().get_absolute_url())
        return None
