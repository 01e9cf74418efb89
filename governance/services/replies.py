"""Members answer meeting invitations (in the portal or from the e-mail); quorum; date rules."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from ris_portal.snapshots import versions_at

from ..models import Attendance, Meeting, MeetingReply, Membership

REPLY_SALT = "governance.meeting-reply"


def meeting_ensure_started(meeting: Meeting) -> None:
    """Attendance, minutes and decisions exist only once the meeting has begun."""
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _(
                "Die Sitzung beginnt erst am %(date)s. Teilnahme, Protokoll und Beschlüsse "
                "können erst ab dem Sitzungstermin erfasst werden."
            )
            % {"date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H:%M")}
        )


def reply_token(*, meeting_id: int, user_id: int) -> str:
    """The signed part of the answer link in a member's invitation e-mail."""
    return signing.dumps({"m": meeting_id, "u": user_id}, salt=REPLY_SALT, compress=True)


def reply_token_read(token: str, *, meeting_id: int) -> int | None:
    """The user id of a valid answer link for this meeting, else None."""
    try:
        data = signing.loads(token, salt=REPLY_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != meeting_id:
        return None
    return int(data["u"])


def is_invited(meeting: Meeting, user) -> bool:
    return Membership.objects.active().live().filter(body_id=meeting.body_id, user=user).exists()


@transaction.atomic
def meeting_reply_save(
    *,
    meeting: Meeting,
    user,
    answer: str,
    substitute_name: str = "",
    substitute_email: str = "",
    note: str = "",
) -> MeetingReply:
    """Accept, decline or send a substitute; the answer can be changed until the meeting."""
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("Die Sitzung hat bereits begonnen; die Antwort ist geschlossen."))
    if not is_invited(meeting, user):
        raise ValidationError(_("Sie sind kein Mitglied dieses Gremiums."))
    if answer not in MeetingReply.Answer.values:
        raise ValidationError({"answer": _("Bitte wählen Sie eine Antwort.")})
    if answer == MeetingReply.Answer.SUBSTITUTE and not substitute_name.strip():
        raise ValidationError({"substitute_name": _("Bitte nennen Sie Ihre Vertretung.")})
    if answer != MeetingReply.Answer.SUBSTITUTE:
        substitute_name = substitute_email = ""
    reply = MeetingReply.objects.select_for_update().filter(meeting=meeting, user=user).first()
    reply = reply or MeetingReply(meeting=meeting, user=user)
    reply.answer = answer
    reply.substitute_name = substitute_name.strip()
    reply.substitute_email = substitute_email.strip()
    reply.note = note.strip()
    reply.full_clean()
    reply.save()
    return reply


def _rule_in_force(body, moment):
    """The body as it stood at `moment`: a later change of its rules of procedure (quorum)
    must not rewrite whether a past meeting had a quorum. Without a history record that old
    (rows from before the history), today's rule is the best there is."""
    try:
        return body.history.as_of(moment)
    except body.DoesNotExist:
        return body


def _voting_member_ids(meeting: Meeting) -> set[int]:
    """The users who had a vote at `meeting`: memberships of its body that were active on its
    day, not archived and not guests, each as it stood when the meeting began.

    Staff may later change a membership (role to or from guest, start, end); that must not
    rewrite whether a past meeting had a quorum, so each membership is read from its history
    as of the meeting's start. A membership without a history record that old (recorded only
    later, e.g. entered afterwards with an earlier start) counts as it is now: the best there
    is. One query: the versions at the start and the current rows, told apart by a marker."""
    moment = meeting.starts_at
    day = timezone.localtime(moment).date()
    fields = ("id", "user_id", "body_id", "role", "start", "end", "is_archived")
    current = Membership.objects.filter(body_id=meeting.body_id)
    # Also the versions of today's memberships that then belonged elsewhere: such a version
    # says they were not members of this body then.
    then = versions_at(Membership, moment).filter(
        Q(body_id=meeting.body_id) | Q(id__in=current.values("id"))
    )
    # Without ordering on either side: SQLite (`make run`) refuses ORDER BY inside a UNION,
    # and the loop below does not depend on the order.
    rows = (
        then.order_by()
        .values_list(*fields, Value(True))
        .union(current.order_by().values_list(*fields, Value(False)), all=True)
    )
    stood: dict[int, tuple] = {}
    for *row, recorded in rows:
        if recorded or row[0] not in stood:
            stood[row[0]] = tuple(row)
    return {
        user_id
        for _pk, user_id, body_id, role, start, end, is_archived in stood.values()
        if body_id == meeting.body_id
        and not is_archived
        and role != Membership.Role.GUEST
        # Active on the meeting's day, as `MembershipQuerySet.active(on=day)` reads it.
        and (start is None or start <= day)
        and (end is None or end >= day)
    }


def meeting_quorum(meeting: Meeting) -> dict:
    """Beschlussfähigkeit by the body's rules: expected (from answers) and actual (attendance).

    Voting members are the active members except guests, with their memberships and the
    body's rule as they stood at the meeting's start; a member with a substitute counts as
    represented.
    """
    voting = _voting_member_ids(meeting)
    required = _rule_in_force(meeting.body, meeting.starts_at).quorum_required(len(voting))
    # `.all()`: the meeting page prefetches replies and attendances, so these cost no query.
    answers = {reply.user_id: reply.answer for reply in meeting.replies.all()}
    expected = sum(
        1
        for user_id, answer in answers.items()
        if user_id in voting
        and answer in (MeetingReply.Answer.ACCEPT, MeetingReply.Answer.SUBSTITUTE)
    )
    statuses = {a.user_id: a.status for a in meeting.attendances.all()}
    present = sum(
        1
        for user_id, status in statuses.items()
        if user_id in voting
        and status in (Attendance.Status.PRESENT, Attendance.Status.REPRESENTED)
    )
    recorded = bool(statuses)
    return {
        "voting_members": len(voting),
        "required": required,
        "answered": len(answers),
        "expected": expected,
        "present": present,
        "attendance_recorded": recorded,
        "is_quorate": (present >= required) if recorded else None,
        "expected_quorate": expected >= required,
    }
