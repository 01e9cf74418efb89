"""Decision pages and board recommendations (record, online round, vote, close)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from ris_portal.editing import (
    ServiceFormView,
    VersionedFormView,
    inline_form_post,
)
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.roles import roles_for

from .. import selectors, services
from ..forms import (
    RecommendationCloseForm,
    RecommendationMeetingForm,
    RecommendationRoundForm,
    RecommendationVoteForm,
)
from ..models import DevelopmentGoal, Meeting, Recommendation

SUBJECT_KINDS = {"roadmap": "roadmap", "ziel": "goal"}


class DecisionDetailView(DetailView):
    """`/gremien/beschluesse/<pk>/`: a public decision for everybody; a non-public one only for
    members of its body, staff and the ministry (everybody else 404)."""

    template_name = "governance/decision/detail.html"
    context_object_name = "decision"

    def get_queryset(self):
        return selectors.decision_detail_for(roles_for(self.request.user))

    def get_context_data(self, **kwargs):
        roles = roles_for(self.request.user)
        return super().get_context_data(
            goal_page=selectors.goal_visible(roles, self.object.goal_id), **kwargs
        )


def _subject(kind: str, pk: int):
    if kind not in SUBJECT_KINDS:
        raise Http404
    if SUBJECT_KINDS[kind] == "roadmap":
        return get_object_or_404(selectors.roadmaps_with_field().live(), pk=pk)
    return get_object_or_404(DevelopmentGoal.objects.live().select_related("field"), pk=pk)


def _decide_url(subject) -> str:
    if isinstance(subject, DevelopmentGoal):
        return reverse("governance:goal_decide", kwargs={"pk": subject.pk})
    return reverse("governance:roadmap_decide", kwargs={"pk": subject.pk})


class _RecommendationCreateMixin(ServiceFormView):
    def load_objects(self) -> None:
        self.subject = _subject(self.kwargs["kind"], self.kwargs["pk"])

    def get_preline(self) -> str:
        return self.subject.title

    def get_cancel_url(self) -> str:
        return _decide_url(self.subject)


class RecommendationRecordView(_RecommendationCreateMixin):
    """Staff record the recommendation a board gave in one of its meetings."""

    form_class = RecommendationMeetingForm
    heading = gettext_lazy("Empfehlung aus einer Sitzung des Beirats erfassen")
    success_message = gettext_lazy("Die Empfehlung des Beirats ist erfasst.")

    def get_form_kwargs(self):
        try:
            board = services.recommendation_board(subject=self.subject)
        except ValidationError:
            board = None
        meetings = selectors.meetings_of_board(board) if board else Meeting.objects.none()
        return {**super().get_form_kwargs(), "meetings": meetings}

    def perform(self, form):
        data = form.cleaned_data
        return services.recommendation_record(
            subject=self.subject,
            meeting=data["meeting"],
            outcome=data["outcome"],
            rationale=data["rationale"],
            votes_approve=data.get("votes_approve") or 0,
            votes_revise=data.get("votes_revise") or 0,
            votes_reject=data.get("votes_reject") or 0,
            recorded_by=self.request.user,
        )


class RecommendationRoundOpenView(_RecommendationCreateMixin):
    """Staff open an online round: the board's members vote until the deadline."""

    form_class = RecommendationRoundForm
    heading = gettext_lazy("Online-Runde zur Empfehlung eröffnen")
    success_message = gettext_lazy("Die Online-Runde ist eröffnet.")
    intro = gettext_lazy(
        "Die Mitglieder des Beirats stimmen bis zur Frist online ab (Zustimmung, Überarbeitung "
        "oder Ablehnung, jeweils mit Kommentar). Danach schließt die Geschäftsstelle die Runde "
        "mit der Empfehlung und ihrer Begründung ab."
    )

    def perform(self, form):
        return services.recommendation_round_open(
            subject=self.subject,
            deadline=form.cleaned_data["deadline"],
            note=form.cleaned_data.get("note") or "",
            recorded_by=self.request.user,
        )


class RecommendationDetailView(DetailView):
    """A recommendation with its rationale; during an online round the members vote here."""

    template_name = "governance/recommendation/detail.html"
    context_object_name = "recommendation"

    def get_queryset(self):
        return selectors.recommendations_for(roles_for(self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recommendation = self.object
        roles = roles_for(self.request.user)
        user = self.request.user
        may_vote = (
            user.is_authenticated
            and recommendation.accepts_votes
            and user.pk in services.recommendation_voter_ids(recommendation)
        )
        own = recommendation.votes.filter(user=user).first() if may_vote else None
        context.update(
            may_vote=may_vote,
            vote_form=RecommendationVoteForm(
                initial={"choice": own.choice, "comment": own.comment} if own else None
            )
            if may_vote
            else None,
            own_vote=own,
            # Votes and comments are shown once the round is closed (like review rounds), to
            # members of the board, staff and ministry; the public sees the counts only.
            votes=selectors.recommendation_votes(recommendation)
            if not recommendation.is_open
            and (roles.is_staff or roles.is_ministry or recommendation.body_id in roles.body_ids)
            else [],
            vote_count=recommendation.votes.count() if recommendation.is_open else None,
            decisions=recommendation.decisions.live().select_related("body"),
            goal_page=selectors.goal_visible(roles, recommendation.goal_id),
        )
        return context


class RecommendationVoteView(CapabilityRequiredMixin, View):
    """POST: a member of the board votes (or changes the vote) while the round is open."""

    def post(self, request, pk: int):
        recommendation = get_object_or_404(selectors.recommendations_for(self.roles), pk=pk)
        return inline_form_post(
            request,
            RecommendationVoteForm(request.POST),
            lambda data: services.recommendation_vote(
                recommendation=recommendation, user=request.user, **data
            ),
            recommendation.get_absolute_url(),
            invalid=_("Bitte wählen Sie eine Empfehlung."),
            done=_("Ihre Stimme ist gespeichert."),
        )


class RecommendationCloseView(VersionedFormView):
    """Staff close an online round with the board's outcome and rationale."""

    form_class = RecommendationCloseForm
    heading = gettext_lazy("Online-Runde abschließen")
    submit_label = gettext_lazy("Abschließen")

    def load_objects(self) -> None:
        self.recommendation = get_object_or_404(
            Recommendation.objects.live().filter(status=Recommendation.Status.OPEN),
            pk=self.kwargs["pk"],
        )

    def get_versioned_object(self):
        return self.recommendation

    def get_initial(self):
        return {
            "version": self.recommendation.version,
            "outcome": services.recommendation_majority(self.recommendation) or None,
        }

    def get_preline(self) -> str:
        return str(self.recommendation)

    def get_intro(self) -> str:
        tally = services.recommendation_tally(self.recommendation)
        labels = dict(Recommendation.Outcome.choices)
        return _("Stimmen bisher: %(tally)s. Die Empfehlung ist mit der Mehrheit vorbelegt.") % {
            "tally": ", ".join(f"{labels[key]}: {count}" for key, count in tally.items())
        }

    def get_cancel_url(self) -> str:
        return self.recommendation.get_absolute_url()

    def save_form(self, form):
        return services.recommendation_round_close(
            recommendation=self.recommendation,
            outcome=form.cleaned_data["outcome"],
            rationale=form.cleaned_data["rationale"],
            expected_version=form.cleaned_data["version"],
        )

    def form_conflict(self, form, conflict):
        self.recommendation = conflict.current
        return super().form_conflict(form, conflict)

    def on_saved(self, obj):
        messages.success(self.request, _("Die Empfehlung des Beirats ist abgegeben."))
        return redirect(obj.get_absolute_url())
