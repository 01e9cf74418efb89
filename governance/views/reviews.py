"""Review rounds (Priorisierungsrunden): list, answer, open and close."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from ris_portal.editing import ConfirmActionView, FormPageMixin, apply_validation_error
from ris_portal.permissions import CapabilityRequiredMixin

from .. import selectors, services
from ..charts import results_chart
from ..forms import (
    ReviewAnswerForm,
    ReviewRoundForm,
)
from ..models import (
    Body,
    ReviewRound,
)


class ReviewListView(CapabilityRequiredMixin, ListView):
    """„Priorisierung“: the rounds of the user's boards (staff and ministry: all)."""

    capability = "can_view_internal_workspace"
    template_name = "governance/review/list.html"
    context_object_name = "rounds"
    paginate_by = 25

    def get_queryset(self):
        queryset = selectors.review_rounds_for(self.roles, user=self.request.user)
        status = self.request.GET.get("status", "")
        if status in ReviewRound.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.request.GET.get("status", "")
        context["statuses"] = ReviewRound.Status.choices
        if self.roles.can_edit_content:
            context["boards"] = (
                Body.objects.live().filter(kind=Body.Kind.STRATEGY_BOARD).order_by("field__order")
            )
        return context


class ReviewDetailView(CapabilityRequiredMixin, DetailView):
    """Members answer here while the round is open; results only after close."""

    template_name = "governance/review/detail.html"
    context_object_name = "round"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.review_rounds_for(self.roles).select_related("body"), pk=self.kwargs["pk"]
        )

    def _is_member(self) -> bool:
        return self.object.body_id in self.roles.body_ids

    def _answer_form(self, data=None):
        return ReviewAnswerForm(
            data,
            items=selectors.review_items(self.object),
            answers=selectors.review_answers_of(self.object, self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context["is_member"] = self._is_member()
        if round_.is_open:
            if context["is_member"] and round_.accepts_answers:
                context.setdefault("form", kwargs.get("form") or self._answer_form())
                context["has_answered"] = bool(
                    selectors.review_answers_of(round_, self.request.user)
                )
            if self.roles.can_edit_content:
                participation = selectors.review_participation(round_)
                context["participation"] = participation
                context["answered_count"] = sum(1 for row in participation if row["answered"])
        else:
            results = selectors.review_results(round_)
            context["results"] = results
            context["chart"] = results_chart(results)
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self._is_member():
            raise PermissionDenied
        form = self._answer_form(request.POST)
        if form.is_valid():
            try:
                services.review_answers_save(
                    round_=self.object, user=request.user, answers=form.answers()
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Ihre Bewertungen sind gespeichert. Sie können sie bis zum Ende der "
                        "Frist ändern."
                    ),
                )
                return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class ReviewCreateView(CapabilityRequiredMixin, FormPageMixin, FormView):
    capability = "can_edit_content"
    form_class = ReviewRoundForm
    heading = gettext_lazy("Priorisierungsrunde eröffnen")
    submit_label = gettext_lazy("Runde eröffnen")

    def load_objects(self):
        self.body = get_object_or_404(
            Body.objects.live().filter(kind=Body.Kind.STRATEGY_BOARD, field__isnull=False),
            slug=self.kwargs["slug"],
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["needs"] = selectors.needs_for_field(self.body.field_id)
        kwargs["themes"] = selectors.themes_for_field(self.body.field_id)
        return kwargs

    def get_preline(self):
        return self.body.name

    def get_cancel_url(self):
        return reverse("governance:review_list")

    def form_valid(self, form):
        try:
            round_ = services.review_round_open(
                body=self.body, created_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Priorisierungsrunde ist eröffnet."))
        return redirect(round_.get_absolute_url())


class ReviewCloseView(ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Priorisierungsrunde abschließen")
    message = gettext_lazy(
        "Nach dem Abschluss nimmt die Runde keine Antworten mehr an. Die Ergebnisse werden "
        "für alle Mitglieder sichtbar, und der Mittelwert jedes Handlungsbedarfs wird als "
        "Priorität übernommen."
    )
    submit_label = gettext_lazy("Runde abschließen")

    def get_target(self):
        return get_object_or_404(ReviewRound.objects.live(), pk=self.kwargs["pk"])

    def perform(self, version):
        services.review_round_close(round_=self.target, closed_by=self.request.user)
        messages.success(
            self.request, _("Die Runde ist abgeschlossen; die Prioritäten sind übernommen.")
        )
        return redirect(self.target.get_absolute_url())
