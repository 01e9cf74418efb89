"""Review rounds (Priorisierungsrunden): open, answer, close, remind."""

from __future__ import annotations

import datetime
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fields.models import Need, Theme
from personal.models import Kind
from personal.notifications import notify
from ris_portal.concurrency import save_versioned
from ris_portal.models import create_validated

from ..models import (
    Body,
    Membership,
    ReviewItem,
    ReviewResponse,
    ReviewRound,
)


@transaction.atomic
def review_round_open(
    *,
    body: Body,
    deadline: datetime.datetime,
    created_by,
    needs=(),
    themes=(),
    **fields,
) -> ReviewRound:
    """Staff open a round for a board over chosen needs and/or themes of the board's field.

    `fields`: the round's title, and where given its description and quorum."""
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("Die Frist muss in der Zukunft liegen.")})
    needs, themes = list(needs), list(themes)
    if not needs and not themes:
        raise ValidationError(
            _("Bitte wählen Sie mindestens einen Handlungsbedarf oder ein Thema.")
        )
    if body.field_id is not None:
        foreign = [n for n in needs if n.theme.field_id != body.field_id] + [
            t for t in themes if t.field_id != body.field_id
        ]
        if foreign:
            raise ValidationError(_("Alle Gegenstände müssen zum Feld des Gremiums gehören."))
    round_ = create_validated(
        ReviewRound, body=body, deadline=deadline, created_by=created_by, **fields
    )
    order = 0
    for subject in needs + themes:
        order += 1
        ReviewItem.objects.create(
            round=round_,
            order=order,
            need=subject if isinstance(subject, Need) else None,
            theme=subject if isinstance(subject, Theme) else None,
        )
    notify(
        kind=Kind.ROUND_OPENED,
        users=review_member_ids(round_),
        title=gettext_lazy("Neue Priorisierungsrunde: %(title)s (Frist %(deadline)s)"),
        params={"title": round_.title, "deadline": _local(round_.deadline)},
        url=round_.get_absolute_url(),
        actor=created_by,
    )
    return round_


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def review_member_ids(round_: ReviewRound) -> set[int]:
    return set(
        Membership.objects.active()
        .live()
        .filter(body_id=round_.body_id)
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def review_answers_save(*, round_: ReviewRound, user, answers: dict[int, dict]) -> int:
    """Save a member's answers: {item_id: {"score", "comment", "conflict"}}; replaces earlier ones.

    Members may change their answers until the deadline. Every item needs a score or a declared
    conflict of interest (then the score is dropped).
    """
    # Lock the round: a close running at the same time waits, and we then see it closed.
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.accepts_answers:
        raise ValidationError(_("Die Priorisierungsrunde nimmt keine Antworten mehr an."))
    if user.pk not in review_member_ids(round_):
        raise ValidationError(_("Sie sind kein Mitglied dieses Gremiums."))
    item_ids = set(round_.items.values_list("pk", flat=True))
    if set(answers) != item_ids:
        raise ValidationError(
            _("Bitte bewerten Sie jeden Gegenstand oder erklären Sie einen Interessenkonflikt.")
        )
    for item_id, answer in answers.items():
        conflict = bool(answer.get("conflict"))
        score = None if conflict else answer.get("score")
        if not conflict and score not in (1, 2, 3, 4, 5):
            raise ValidationError(_("Bitte bewerten Sie jeden Gegenstand mit 1 bis 5."))
        response = ReviewResponse.objects.filter(item_id=item_id, user=user).first()
        response = response or ReviewResponse(item_id=item_id, user=user)
        response.score = score
        response.conflict_of_interest = conflict
        response.comment = (answer.get("comment") or "").strip()
        response.full_clean()
        response.save()
    return len(answers)


def _quantize(value: float, places: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def review_participation_counts(round_: ReviewRound) -> dict:
    """Members, answers and the participation quorum of a round (live while it is open)."""
    members = review_member_ids(round_)
    answered = set(
        ReviewResponse.objects.filter(item__round=round_, user_id__in=members)
        .values_list("user_id", flat=True)
        .distinct()
    )
    required = round_.quorum_required(len(members))
    return {
        "members": len(members),
        "answered": len(answered),
        "required": required,
        "reached": len(answered) >= required,
    }


@transaction.atomic
def review_round_close(*, round_: ReviewRound, closed_by=None, reason: str = "") -> ReviewRound:
    """Close the round and aggregate per item (count, mean, median, spread).

    Below the participation quorum the round closes only with a reason (kept with the round).
    The priorities of the needs are *not* changed here: staff take them over in a separate
    step after looking at the preview (`review_priorities_apply`).
    """
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("Die Priorisierungsrunde ist bereits abgeschlossen."))
    participation = review_participation_counts(round_)
    if not participation["reached"] and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Nur %(answered)s von %(members)s Mitgliedern haben geantwortet (Mindest"
                    "beteiligung: %(required)s). Bitte begründen Sie, warum die Runde trotzdem "
                    "abgeschlossen wird."
                )
                % participation
            }
        )
    for item in round_.items.all():
        responses = list(item.responses.all())
        # A declared conflict of interest has no score; every other response has one.
        scores = [r.score for r in responses if not r.conflict_of_interest and r.score is not None]
        item.score_count = len(scores)
        item.conflict_count = sum(1 for r in responses if r.conflict_of_interest)
        if scores:
            item.mean = _quantize(statistics.fmean(scores), "0.01")
            item.median = _quantize(statistics.median(scores), "0.1")
            item.spread = _quantize(statistics.pstdev(scores), "0.01")
        item.save()
    round_.status = ReviewRound.Status.CLOSED
    round_.closed_at = timezone.now()
    round_.members_at_close = participation["members"]
    round_.answered_at_close = participation["answered"]
    round_.close_reason = "" if participation["reached"] else reason.strip()
    round_ = save_versioned(
        round_, expected_version=round_.version, change_reason=_("Runde abgeschlossen")
    )
    notify(
        kind=Kind.ROUND_CLOSED,
        users=review_member_ids(round_),
        title=gettext_lazy("Priorisierungsrunde abgeschlossen: %(title)s"),
        params={"title": round_.title},
        url=round_.get_absolute_url(),
        actor=closed_by,
    )
    return round_


def review_priorities_preview(round_: ReviewRound) -> list[dict]:
    """What `review_priorities_apply` would change: per need item, old and new priority."""
    rows = []
    items = round_.items.filter(need__isnull=False).select_related("need").order_by("order")
    for item in items:
        need = item.need
        assert need is not None  # filtered above
        rows.append(
            {
                "need": need,
                "current": need.priority,
                "new": item.mean,
                "changes": item.mean is not None and item.mean != need.priority,
            }
        )
    return rows


@transaction.atomic
def review_priorities_apply(*, round_: ReviewRound, applied_by) -> int:
    """Staff take the means of a closed round over as the needs' priorities (with history).

    Returns the number of needs changed. Needs without scores keep their priority.
    """
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if round_.is_open:
        raise ValidationError(_("Die Runde ist noch offen; schließen Sie sie zuerst ab."))
    if round_.priorities_applied_at is not None:
        raise ValidationError(_("Die Prioritäten dieser Runde sind bereits übernommen."))
    changed = 0
    for row in review_priorities_preview(round_):
        if not row["changes"]:
            continue
        need = Need.objects.select_for_update().get(pk=row["need"].pk)
        need.priority = row["new"]
        need.full_clean()
        save_versioned(
            need,
            expected_version=need.version,
            change_reason=_("Priorität aus der Priorisierungsrunde „%(round)s“")
            % {"round": round_.title},
        )
        changed += 1
    round_.priorities_applied_at = timezone.now()
    round_.priorities_applied_by = applied_by
    save_versioned(
        round_, expected_version=round_.version, change_reason=_("Prioritäten übernommen")
    )
    return changed


def review_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind members who have not answered, once per round, within 48 h of the deadline.

    Run hourly (Celery beat `governance-review-reminders`, or cron calling
    `manage.py send_review_reminders`). Each round is claimed with a conditional UPDATE, so
    two schedulers running at the same time never send the reminder twice.
    """
    now = now or timezone.now()
    due = ReviewRound.objects.filter(
        status=ReviewRound.Status.OPEN,
        reminder_sent_at__isnull=True,
        deadline__gt=now,
        deadline__lte=now + datetime.timedelta(hours=48),
    )
    sent = 0
    for round_ in due.select_related("body"):
        with transaction.atomic():
            sent += _remind_round(round_, now)
    return sent


def _remind_round(round_: ReviewRound, now: datetime.datetime) -> int:
    """Claim the round's reminder and notify, in one transaction: the reminders exist exactly
    when the claim was committed (a run that dies in between leaves the round unclaimed)."""
    claimed = ReviewRound.objects.filter(pk=round_.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=now
    )
    if not claimed:
        return 0
    answered = set(
        ReviewResponse.objects.filter(item__round=round_).values_list("user_id", flat=True)
    )
    missing = review_member_ids(round_) - answered
    notified = notify(
        kind=Kind.ROUND_REMINDER,
        users=missing,
        title=gettext_lazy("Erinnerung: Frist der Priorisierungsrunde „%(title)s“ am %(deadline)s"),
        params={"title": round_.title, "deadline": _local(round_.deadline)},
        url=round_.get_absolute_url(),
    )
    return len(notified)
