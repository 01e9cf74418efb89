"""Review rounds (Priorisierungsrunden): open, answer, close, remind."""

from __future__ import annotations

import datetime
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fields.models import Need, Theme
from ris_portal.concurrency import save_versioned
from ris_portal.emails import send_templated_mail

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
    title: str,
    deadline: datetime.datetime,
    created_by,
    needs=(),
    themes=(),
    description: str = "",
) -> ReviewRound:
    """Staff open a round for a board over chosen needs and/or themes of the board's field."""
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
    round_ = ReviewRound(
        body=body, title=title, deadline=deadline, created_by=created_by, description=description
    )
    round_.full_clean()
    round_.save()
    order = 0
    for subject in needs + themes:
        order += 1
        ReviewItem.objects.create(
            round=round_,
            order=order,
            need=subject if isinstance(subject, Need) else None,
            theme=subject if isinstance(subject, Theme) else None,
        )
    return round_


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


@transaction.atomic
def review_round_close(*, round_: ReviewRound, closed_by=None) -> ReviewRound:
    """Close the round, aggregate per item and write the mean into each need's priority."""
    round_ = ReviewRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ValidationError(_("Die Priorisierungsrunde ist bereits abgeschlossen."))
    for item in round_.items.select_related("need"):
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
        if scores and item.need_id:
            need = Need.objects.get(pk=item.need_id)
            need.priority = item.mean
            need.full_clean()
            save_versioned(
                need,
                expected_version=need.version,
                change_reason=_("Priorität aus der Priorisierungsrunde „%(round)s“")
                % {"round": round_.title},
            )
    round_.status = ReviewRound.Status.CLOSED
    round_.closed_at = timezone.now()
    return save_versioned(
        round_, expected_version=round_.version, change_reason=_("Runde abgeschlossen")
    )


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
        sent += _review_reminder_send(round_=round_, now=now)
    return sent


@transaction.atomic
def _review_reminder_send(*, round_: ReviewRound, now: datetime.datetime) -> int:
    # The claim and the queued mails (outbox rows) commit together: a crash in between loses
    # no reminder, and a second scheduler finds the round claimed. The dedupe key keeps a
    # member from getting the same round's reminder twice even if the claim were undone.
    claimed = ReviewRound.objects.filter(pk=round_.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=now
    )
    if not claimed:
        return 0
    answered = set(
        ReviewResponse.objects.filter(item__round=round_).values_list("user_id", flat=True)
    )
    missing = review_member_ids(round_) - answered
    url = f"{settings.SITE_URL}{round_.get_absolute_url()}"
    sent = 0
    for email in (
        get_user_model()
        .objects.filter(pk__in=missing, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    ):
        queued = send_templated_mail(
            "governance/emails/review_reminder",
            to=[email],
            context={"round": round_, "url": url},
            dedupe_key=f"review-reminder:{round_.pk}:{email}"[:200],
        )
        sent += queued is not None
    return sent
