"""Approvals of roadmaps and development goals by the steering committee, and publishing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fields.models import Roadmap
from personal.models import Kind
from personal.notifications import notify, steering_member_ids
from ris_portal.concurrency import save_versioned

from ..models import (
    Body,
    Decision,
    DevelopmentGoal,
    Meeting,
    Recommendation,
)
from .meetings import decision_record
from .recommendations import recommendation_check_decision

SUBMITTABLE = {
    Roadmap: (Roadmap.Status.DRAFT, Roadmap.Status.BOARD_REVIEW, Roadmap.Status.RETURNED),
    DevelopmentGoal: (DevelopmentGoal.Status.DRAFT, DevelopmentGoal.Status.RETURNED),
}
SUBMITTED = "eingereicht"
APPROVED = "beschlossen"
RETURNED = "zurueckgegeben"


def steering_committee() -> Body:
    body = Body.objects.live().filter(kind=Body.Kind.STEERING).first()
    if body is None:
        raise ValidationError(_("Es ist kein Lenkungskreis angelegt."))
    return body


@transaction.atomic
def approval_submit(*, obj: Roadmap | DevelopmentGoal, expected_version: int, actor=None):
    """Staff submit a roadmap or goal to the Lenkungskreis; its members are notified."""
    if obj.status not in SUBMITTABLE[type(obj)]:
        raise ValidationError(
            _("Aus dem Status „%(status)s“ kann nicht eingereicht werden.")
            % {"status": obj.get_status_display()}
        )
    obj.status = SUBMITTED
    obj.submitted_at = timezone.now()
    obj.full_clean()
    obj = save_versioned(
        obj, expected_version=expected_version, change_reason=_("beim Lenkungskreis eingereicht")
    )
    is_roadmap = isinstance(obj, Roadmap)
    view = "governance:roadmap_decide" if is_roadmap else "governance:goal_decide"
    notify(
        kind=Kind.SUBMITTED,
        users=steering_member_ids(),
        title=(
            gettext_lazy("Beim Lenkungskreis eingereicht: Roadmap „%(title)s“")
            if is_roadmap
            else gettext_lazy("Beim Lenkungskreis eingereicht: Entwicklungsziel „%(title)s“")
        ),
        params={"title": obj.title},
        url=reverse(view, kwargs={"pk": obj.pk}),
        actor=actor,
    )
    return obj


@transaction.atomic
def approval_decide(
    *,
    obj: Roadmap | DevelopmentGoal,
    approve: bool,
    decided_by,
    expected_version: int,
    reason: str = "",
    meeting: Meeting | None = None,
    votes_yes: int = 0,
    votes_no: int = 0,
    votes_abstain: int = 0,
    recommendation: Recommendation | None = None,
    deviation_reason: str = "",
) -> Decision:
    """The Lenkungskreis approves or returns a submitted roadmap or goal; records the decision.

    When the board gave a recommendation, the decision names it and, if it deviates, says why.
    """
    if obj.status != SUBMITTED:
        raise ValidationError(_("Es können nur eingereichte Vorlagen entschieden werden."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Rückgabe.")})
    if meeting is not None and meeting.starts_at > timezone.now():
        raise ValidationError(
            {
                "meeting": _(
                    "Die Sitzung hat noch nicht stattgefunden; es gibt noch keinen Beschluss."
                )
            }
        )
    deviation_reason = recommendation_check_decision(
        subject=obj,
        approve=approve,
        recommendation=recommendation,
        deviation_reason=deviation_reason,
    )
    now = meeting.starts_at if meeting is not None else timezone.now()
    if approve:
        obj.status = APPROVED
        obj.decided_at = now
        obj.status_reason = ""
        change_reason = _("vom Lenkungskreis beschlossen")
    else:
        obj.status = RETURNED
        obj.status_reason = reason.strip()
        change_reason = _("vom Lenkungskreis zurückgegeben: %(reason)s") % {"reason": reason}
    obj.full_clean()
    save_versioned(obj, expected_version=expected_version, change_reason=change_reason)
    is_roadmap = isinstance(obj, Roadmap)
    return decision_record(
        body=meeting.body if meeting else steering_committee(),
        meeting=meeting,
        title=(_("Roadmap: %(title)s") if is_roadmap else _("Entwicklungsziel: %(title)s"))
        % {"title": obj.title},
        text=reason.strip(),
        outcome=Decision.Outcome.APPROVED if approve else Decision.Outcome.RETURNED,
        votes_yes=votes_yes,
        votes_no=votes_no,
        votes_abstain=votes_abstain,
        decided_by=decided_by,
        roadmap=obj if isinstance(obj, Roadmap) else None,
        goal=obj if isinstance(obj, DevelopmentGoal) else None,
        recommendation=recommendation,
        deviation_reason=deviation_reason,
        # A return is part of the deliberation on a draft (with the committee's reasons), not a
        # public decision; members of the bodies and staff still see it with the meeting.
        is_public=approve,
    )


@transaction.atomic
def roadmap_publish(*, roadmap: Roadmap, expected_version: int) -> Roadmap:
    if roadmap.status != Roadmap.Status.APPROVED:
        raise ValidationError(_("Nur beschlossene Roadmaps können veröffentlicht werden."))
    roadmap.status = Roadmap.Status.PUBLISHED
    roadmap.published_at = timezone.now()
    roadmap.full_clean()
    return save_versioned(
        roadmap, expected_version=expected_version, change_reason=_("veröffentlicht")
    )


def goal_ensure_editable(*, goal: DevelopmentGoal) -> None:
    """Submitted and approved goals are the Lenkungskreis's: their content stays as decided."""
    if goal.status not in DevelopmentGoal.EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "Das Entwicklungsziel ist im Status „%(status)s“ und kann nicht mehr bearbeitet "
                "werden."
            )
            % {"status": goal.get_status_display()}
        )


def goal_save(*, goal: DevelopmentGoal, expected_version: int | None = None) -> DevelopmentGoal:
    goal.full_clean()
    if goal.pk is None:
        goal.save()
        return goal
    with transaction.atomic():
        # The stored status counts (the form's instance may be stale).
        goal_ensure_editable(goal=DevelopmentGoal.objects.select_for_update().get(pk=goal.pk))
        return save_versioned(goal, expected_version=expected_version)
