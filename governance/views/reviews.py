"""Review rounds (Priorisierungsrunden): list, answer, open and close."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView

from ris_portal.editing import (
    ConfirmActionView,
    ServiceFormView,
    apply_validation_error,
)
from ris_portal.lists import CapabilityListView, QueryFilterMixin
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.spreadsheets import spreadsheet_response

from .. import selectors, services
from ..charts import results_chart
from ..forms import (
    ReviewAnswerForm,
    ReviewCloseForm,
    ReviewRoundForm,
)
from ..models import (
    Body,
    ReviewRound,
)


class ReviewListView(QueryFilterMixin, CapabilityListView):
    """„Priorisierung“: the rounds of the user's boards (staff and ministry: all)."""

    capability = "can_view_internal_workspace"
    template_name = "governance/review/list.html"
    context_object_name = "rounds"
    filters = {"status": "status"}

    def get_queryset(self):
        queryset = selectors.review_rounds_for(self.roles, user=self.request.user)
        status = self.choice("status", ReviewRound.Status)
        return queryset.filter(status=status) if status else queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(statuses=ReviewRound.Status.choices, **kwargs)
        if self.roles.can_edit_content:
            context["boards"] = (
                Body.objects.live().filter(kind=Body.Kind.STRATEGY_BOARD).order_by("field__order")
            )
        return context


class ReviewDetailView(CapabilityRequiredMixin, DetailView):
    """Members answer here while the round is open; results only after close."""

    template_name = "governance/review/detail.html"
    context_object_name = "round"

    def get_queryset(self):
        return selectors.review_rounds_for(self.roles).select_related("body")

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


class ReviewCreateView(ServiceFormView):
    form_class = ReviewRoundForm
    heading = gettext_lazy("Priorisierungsrunde eröffnen")
    submit_label = gettext_lazy("Runde eröffnen")
    cancel_url = reverse_lazy("governance:review_list")
    success_message = gettext_lazy("Die Priorisierungsrunde ist eröffnet.")

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

    def perform(self, form):
        return services.review_round_open(
            body=self.body, created_by=self.request.user, **form.cleaned_data
        )


class ReviewCloseView(ConfirmActionView):
    capability = "can_edit_content"
    form_class = ReviewCloseForm
    heading = gettext_lazy("Priorisierungsrunde abschließen")
    submit_label = gettext_lazy("Runde abschließen")

    target_queryset = ReviewRound.objects.live()

    def get_message(self):
        counts = services.review_participation_counts(self.target)
        text = (
            _(
                "Nach dem Abschluss nimmt die Runde keine Antworten mehr an, und die Ergebnisse "
                "werden für alle Mitglieder sichtbar. Geantwortet haben %(answered)s von "
                "%(members)s Mitgliedern (Mindestbeteiligung: %(required)s)."
            )
            % counts
        )
        if not counts["reached"]:
            text += " " + _(
                "Die Mindestbeteiligung ist nicht erreicht: Bitte begründen Sie den Abschluss."
            )
        return (
            text
            + " "
            + _(
                "Die Prioritäten der Handlungsbedarfe ändern sich erst, wenn Sie sie danach "
                "ausdrücklich übernehmen."
            )
        )

    def perform(self, version):
        services.review_round_close(
            round_=self.target,
            closed_by=self.request.user,
            reason=self.cleaned_data.get("reason", ""),
        )
        messages.success(
            self.request,
            _(
                "Die Runde ist abgeschlossen. Prüfen Sie das Ergebnis und übernehmen Sie die "
                "Prioritäten, wenn sie gelten sollen."
            ),
        )
        return redirect(self.target.get_absolute_url())


class ReviewApplyView(ConfirmActionView):
    """Explicit step: preview the priorities a closed round would set, then take them over."""

    capability = "can_edit_content"
    template_name = "governance/review/apply.html"
    heading = gettext_lazy("Prioritäten übernehmen")
    submit_label = gettext_lazy("Prioritäten übernehmen")
    message = gettext_lazy(
        "Die Mittelwerte der Runde werden als Priorität der Handlungsbedarfe gespeichert. Jede "
        "Änderung steht im Verlauf des Handlungsbedarfs."
    )

    target_queryset = ReviewRound.objects.live().filter(
        status=ReviewRound.Status.CLOSED, priorities_applied_at__isnull=True
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=services.review_priorities_preview(self.target), **kwargs
        )

    def perform(self, version):
        changed = services.review_priorities_apply(round_=self.target, applied_by=self.request.user)
        messages.success(
            self.request,
            ngettext(
                "Die Priorität von %(count)s Handlungsbedarf ist übernommen.",
                "Die Prioritäten von %(count)s Handlungsbedarfen sind übernommen.",
                changed,
            )
            % {"count": changed},
        )
        return redirect(self.target.get_absolute_url())


class ReviewExportView(CapabilityRequiredMixin, DetailView):
    """Results of a closed round as CSV or XLSX (same audience as the round's page)."""

    def get_queryset(self):
        return selectors.review_rounds_for(self.roles).filter(status=ReviewRound.Status.CLOSED)

    def get(self, request, *args, **kwargs):
        round_ = self.get_object()
        dataset = selectors.review_results_dataset(round_)
        return spreadsheet_response(
            dataset, name=f"priorisierung-{round_.pk}", fmt=kwargs["fmt"], title=_("Ergebnis")
        )
