"""Board recommendations: recorded from a meeting, or voted on online and then closed."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import Roadmap
from ris_portal.concurrency import save_versioned

from ..models import (
    Body,
    DevelopmentGoal,
    Meeting,
    Membership,
    Recommendation,
    RecommendationVote,
)

# Subjects a board may still recommend on: before the Lenkungskreis has decided.
RECOMMENDABLE = {
    Roadmap: (
        Roadmap.Status.DRAFT,
        Roadmap.Status.BOARD_REVIEW,
        Roadmap.Status.SUBMITTED,
        Roadmap.Status.RETURNED,
    ),
    DevelopmentGoal: (
        DevelopmentGoal.Status.DRAFT,
        DevelopmentGoal.Status.SUBMITTED,
        DevelopmentGoal.Status.RETURNED,
    ),
}
# Which decision follows which recommendation: approve ↔ approve; revise/reject ↔ return.
FOLLOWS = {
    True: {Recommendation.Outcome.APPROVE},
    False: {Recommendation.Outcome.REVISE, Recommendation.Outcome.REJECT},
}


def recommendation_board(*, subject: Roadmap | DevelopmentGoal) -> Body:
    """The strategy board of the subject's field: the body that recommends on it."""
    field = subject.field
    board = Body.objects.live().filter(kind=Body.Kind.STRATEGY_BOARD, field=field).first()
    if board is None:
        raise ValidationError(
            _("Für das Feld %(field)s ist kein Strategiebeirat angelegt.") % {"field": field}
        )
    return board


def _check_subject(subject) -> None:
    if subject.is_archived or subject.status not in RECOMMENDABLE[type(subject)]:
        raise ValidationError(
            _("Im Status „%(status)s“ gibt der Beirat keine Empfehlung mehr ab.")
            % {"status": subject.get_status_display()}
        )


def _subject_kwargs(subject) -> dict:
    return {"roadmap": subject} if isinstance(subject, Roadmap) else {"goal": subject}


@transaction.atomic
def recommendation_record(
    *,
    subject: Roadmap | DevelopmentGoal,
    meeting: Meeting,
    outcome: str,
    rationale: str,
    recorded_by,
    votes_approve: int = 0,
    votes_revise: int = 0,
    votes_reject: int = 0,
) -> Recommendation:
    """Staff record the recommendation a board gave in a meeting (dated with the meeting)."""
    _check_subject(subject)
    board = recommendation_board(subject=subject)
    if meeting.body_id != board.pk:
        raise ValidationError({"meeting": _("Die Sitzung gehört nicht zum Beirat des Feldes.")})
    if meeting.is_cancelled:
        raise ValidationError({"meeting": _("In einer abgesagten Sitzung wird nichts empfohlen.")})
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            {
                "meeting": _(
                    "Die Sitzung hat noch nicht stattgefunden; erfassen Sie die Empfehlung danach."
                )
            }
        )
    if not rationale.strip():
        raise ValidationError({"rationale": _("Bitte begründen Sie die Empfehlung.")})
    recommendation = Recommendation(
        body=board,
        procedure=Recommendation.Procedure.MEETING,
        meeting=meeting,
        status=Recommendation.Status.GIVEN,
        outcome=outcome,
        rationale=rationale.strip(),
        votes_approve=votes_approve,
        votes_revise=votes_revise,
        votes_reject=votes_reject,
        given_at=meeting.starts_at,
        recorded_by=recorded_by,
        **_subject_kwargs(subject),
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_round_open(
    *,
    subject: Roadmap | DevelopmentGoal,
    deadline: datetime.datetime,
    recorded_by,
    note: str = "",
) -> Recommendation:
    """Open an online round: the board's members vote until the deadline."""
    _check_subject(subject)
    board = recommendation_board(subject=subject)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("Die Frist muss in der Zukunft liegen.")})
    if (
        Recommendation.objects.live()
        .filter(body=board, status=Recommendation.Status.OPEN, **_subject_kwargs(subject))
        .exists()
    ):
        raise ValidationError(_("Zu dieser Vorlage läuft bereits eine Online-Runde des Beirats."))
    recommendation = Recommendation(
        body=board,
        procedure=Recommendation.Procedure.ONLINE,
        deadline=deadline,
        status=Recommendation.Status.OPEN,
        rationale=note.strip(),
        recorded_by=recorded_by,
        **_subject_kwargs(subject),
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


def recommendation_voter_ids(recommendation: Recommendation) -> set[int]:
    return set(
        Membership.objects.active()
        .live()
        .filter(body_id=recommendation.body_id)
        .values_list("user_id", flat=True)
    )


def _round_locked(recommendation: Recommendation, *, for_vote: bool) -> Recommendation:
    """The online round re-read under a row lock (a vote and the close never interleave); a vote
    needs a round that accepts votes (open, before the deadline), the close an open round."""
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if for_vote and not locked.accepts_votes:
        raise ValidationError(_("Die Online-Runde nimmt keine Stimmen mehr an."))
    if not locked.is_open:
        raise ValidationError(_("Die Online-Runde ist bereits abgeschlossen."))
    return locked


@transaction.atomic
def recommendation_vote(
    *, recommendation: Recommendation, user, choice: str, comment: str = ""
) -> RecommendationVote:
    """A member votes (or changes their vote) while the round accepts votes."""
    recommendation = _round_locked(recommendation, for_vote=True)
    if user.pk not in recommendation_voter_ids(recommendation):
        raise ValidationError(_("Nur Mitglieder des Beirats stimmen ab."))
    if choice not in Recommendation.Outcome.values:
        raise ValidationError({"choice": _("Bitte wählen Sie eine Empfehlung.")})
    vote, _created = RecommendationVote.objects.update_or_create(
        recommendation=recommendation,
        user=user,
        defaults={"choice": choice, "comment": comment.strip()},
    )
    return vote


def recommendation_tally(recommendation: Recommendation) -> dict[str, int]:
    counts = Counter(recommendation.votes.values_list("choice", flat=True))
    return {value: counts.get(value, 0) for value in Recommendation.Outcome.values}


def recommendation_majority(recommendation: Recommendation) -> str:
    """The choice with most votes; empty on a tie or without votes (staff decide then)."""
    ranked = Counter(recommendation_tally(recommendation)).most_common()
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


@transaction.atomic
def recommendation_round_close(
    *, recommendation: Recommendation, outcome: str, rationale: str, expected_version: int
) -> Recommendation:
    """Close an online round: the votes are counted, staff write the outcome and rationale."""
    recommendation = _round_locked(recommendation, for_vote=False)
    if not rationale.strip():
        raise ValidationError({"rationale": _("Bitte begründen Sie die Empfehlung.")})
    tally = recommendation_tally(recommendation)
    recommendation.votes_approve = tally[Recommendation.Outcome.APPROVE]
    recommendation.votes_revise = tally[Recommendation.Outcome.REVISE]
    recommendation.votes_reject = tally[Recommendation.Outcome.REJECT]
    recommendation.outcome = outcome
    recommendation.rationale = rationale.strip()
    recommendation.status = Recommendation.Status.GIVEN
    recommendation.given_at = timezone.now()
    recommendation.full_clean()
    return save_versioned(
        recommendation,
        expected_version=expected_version,
        change_reason=_("Online-Runde abgeschlossen"),
    )


def recommendation_check_decision(
    *,
    subject: Roadmap | DevelopmentGoal,
    approve: bool,
    recommendation: Recommendation | None,
    deviation_reason: str,
) -> str:
    """The decision names the board recommendation it refers to; deviating needs a reason.

    Returns the deviation reason to store (empty when the decision follows the recommendation).
    """
    given = Recommendation.objects.live().filter(
        status=Recommendation.Status.GIVEN, **_subject_kwargs(subject)
    )
    if recommendation is None:
        if given.exists():
            raise ValidationError(
                {
                    "recommendation": _(
                        "Der Beirat hat eine Empfehlung abgegeben. Bitte wählen Sie, auf welche "
                        "Empfehlung sich die Entscheidung bezieht."
                    )
                }
            )
        return ""
    if not given.filter(pk=recommendation.pk).exists():
        raise ValidationError(
            {"recommendation": _("Diese Empfehlung gehört nicht zu der Vorlage.")}
        )
    if recommendation.outcome in FOLLOWS[approve]:
        return ""
    if not deviation_reason.strip():
        raise ValidationError(
            {
                "deviation_reason": _(
                    "Die Entscheidung weicht von der Empfehlung des Beirats ab. Bitte begründen "
                    "Sie die Abweichung."
                )
            }
        )
    return deviation_reason.strip()
