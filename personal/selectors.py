"""Reads for "Meine Aufgaben": what waits for one person, by role, and nothing they cannot open.

Each section is one unevaluated queryset, so the page costs one query per section (whatever the
number of rows) and the count in the navigation is one UNION ALL query over all sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.roles import UserRoles
from ris_portal.templatetags.ris import display_name

from .models import Notification

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

SECTION_LIMIT = 10


@dataclass
class Entry:
    title: str
    url: str
    detail: str = ""
    overdue: bool = False
    # The title is German content (marked lang="de" in another UI language); not so a file
    # name or an address.
    german: bool = True


@dataclass
class Section:
    key: str
    heading: StrOrPromise
    queryset: QuerySet  # unevaluated; limited and turned into entries by `entry`
    entry: Callable[[Any], Entry]
    more_url: str = ""
    counts: bool = True  # counted in the navigation badge
    entries: list = field(default_factory=list)
    has_more: bool = False

    def load(self) -> Section:
        rows = list(self.queryset[: SECTION_LIMIT + 1])
        self.has_more = len(rows) > SECTION_LIMIT
        self.entries = [self.entry(row) for row in rows[:SECTION_LIMIT]]
        return self


def _when(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def _day(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATE_FORMAT") if value else ""


def _without(queryset, answers, **answer) -> QuerySet:
    """The rows for which `answers` has no row matching `answer` (the person's reply, comment,
    response): one query with NOT EXISTS."""
    return queryset.exclude(Exists(answers.objects.filter(**answer)))


def _page(row, url_name: str) -> str:
    """The address of the page `url_name` of a row."""
    return reverse(url_name, kwargs={"pk": row.pk})


def _round_entry(round_, overdue: bool = False) -> Entry:
    """A review round with its body and deadline."""
    detail = _("%(body)s – Frist: %(deadline)s") % {
        "body": round_.body,
        "deadline": _when(round_.deadline),
    }
    return Entry(round_.title, round_.get_absolute_url(), detail, overdue=overdue)


# --- the sections, per role ---------------------------------------------------------------


def _rounds_to_answer(user, roles: UserRoles) -> Section:
    from governance.models import ReviewResponse, ReviewRound

    rounds = ReviewRound.objects.live().filter(
        status=ReviewRound.Status.OPEN, deadline__gt=timezone.now(), body_id__in=roles.body_ids
    )
    unanswered = _without(rounds, ReviewResponse, item__round=OuterRef("pk"), user_id=user.pk)
    queryset = unanswered.select_related("body").order_by("deadline", "pk")
    return Section(
        "rounds_to_answer",
        gettext_lazy("Priorisierungsrunden beantworten"),
        queryset,
        _round_entry,
        reverse("governance:review_list"),
    )


def _roadmaps_to_review(user, roles: UserRoles) -> Section:
    from fields.models import Roadmap, RoadmapComment

    in_review = Roadmap.objects.live().filter(
        is_current=True,
        status=Roadmap.Status.BOARD_REVIEW,
        network__theme__field_id__in=roles.board_field_ids,
    )
    uncommented = _without(in_review, RoadmapComment, roadmap=OuterRef("pk"), author_id=user.pk)
    queryset = uncommented.select_related("network").order_by("updated_at", "pk")
    return Section(
        "roadmaps_to_review",
        gettext_lazy("Roadmaps in der Beiratsprüfung kommentieren"),
        queryset,
        lambda r: Entry(str(r), r.get_absolute_url(), str(r.network)),
        reverse("fields:roadmap_list"),
    )


def _to_decide() -> list[Section]:
    from fields.models import Roadmap
    from governance.models import DevelopmentGoal

    roadmaps = (
        Roadmap.objects.live()
        .filter(status=Roadmap.Status.SUBMITTED)
        .select_related("network")
        .order_by("submitted_at", "pk")
    )
    goals = (
        DevelopmentGoal.objects.live()
        .filter(status=DevelopmentGoal.Status.SUBMITTED)
        .select_related("field")
        .order_by("submitted_at", "pk")
    )
    more = reverse("governance:approval_list")
    return [
        Section(
            "roadmaps_to_decide",
            gettext_lazy("Roadmaps entscheiden"),
            roadmaps,
            lambda r: Entry(
                str(r),
                _page(r, "governance:roadmap_decide"),
                _("eingereicht am %(date)s") % {"date": _day(r.submitted_at)},
            ),
            more,
        ),
        Section(
            "goals_to_decide",
            gettext_lazy("Entwicklungsziele entscheiden"),
            goals,
            lambda g: Entry(
                g.title,
                _page(g, "governance:goal_decide"),
                _("%(field)s – eingereicht am %(date)s")
                % {"field": display_name(g.field), "date": _day(g.submitted_at)},
            ),
            more,
        ),
    ]


def _staff_sections() -> list[Section]:
    from fields.models import Roadmap
    from governance.models import ForumEvent, Meeting, Minutes, Registration, ReviewRound
    from monitoring.models import ImportBatch
    from ris_portal.models import FeedbackMessage

    now = timezone.now()
    rounds = (
        ReviewRound.objects.live()
        .filter(status=ReviewRound.Status.OPEN, deadline__lte=now)
        .select_related("body")
        .order_by("deadline", "pk")
    )
    roadmaps = (
        Roadmap.objects.live()
        .filter(status=Roadmap.Status.APPROVED)
        .select_related("network")
        .order_by("decided_at", "pk")
    )
    imports = ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW).order_by(
        "created_at", "pk"
    )
    meetings = (
        Meeting.objects.live()
        .filter(cancelled_at__isnull=True, ends_at__lt=now)
        .exclude(Exists(Minutes.objects.filter(meeting=OuterRef("pk"), status="abgestimmt")))
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    feedback = FeedbackMessage.objects.filter(handled=False).order_by("created_at", "pk")
    events = (
        ForumEvent.objects.live()
        .filter(
            cancelled_at__isnull=True,
            attendance_recorded_at__isnull=True,
            starts_at__lte=now,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .distinct()
        .order_by("starts_at", "pk")
    )
    closed_rounds = (
        ReviewRound.objects.live()
        .filter(
            status=ReviewRound.Status.CLOSED,
            priorities_applied_at__isnull=True,
            items__need__isnull=False,
        )
        .distinct()
        .select_related("body")
        .order_by("closed_at", "pk")
    )
    return [
        Section(
            "rounds_to_close",
            gettext_lazy("Priorisierungsrunden abschließen (Frist abgelaufen)"),
            rounds,
            lambda r: _round_entry(r, overdue=True),
            reverse("governance:review_list"),
        ),
        Section(
            "priorities_to_apply",
            gettext_lazy("Ergebnisse abgeschlossener Runden als Prioritäten übernehmen"),
            closed_rounds,
            lambda r: Entry(
                r.title,
                _page(r, "governance:review_apply"),
                _("%(body)s – abgeschlossen am %(date)s")
                % {"body": r.body, "date": _day(r.closed_at)},
            ),
            reverse("governance:review_list") + "?status=abgeschlossen",
        ),
        Section(
            "events_attendance",
            gettext_lazy("Anwesenheit bei Veranstaltungen erfassen"),
            events,
            lambda e: Entry(e.title, _page(e, "governance:event_attendance"), _day(e.starts_at)),
            reverse("governance:event_manage_list"),
        ),
        Section(
            "roadmaps_to_publish",
            gettext_lazy("Beschlossene Roadmaps veröffentlichen"),
            roadmaps,
            lambda r: Entry(
                str(r),
                _page(r, "governance:roadmap_publish"),
                _("beschlossen am %(date)s") % {"date": _day(r.decided_at)},
            ),
            reverse("governance:approval_list"),
        ),
        Section(
            "imports_to_confirm",
            gettext_lazy("Importe bestätigen oder verwerfen"),
            imports,
            lambda b: Entry(
                b.file_name,
                _page(b, "monitoring:import_detail"),
                _("%(kind)s – hochgeladen am %(date)s")
                % {"kind": b.get_kind_display(), "date": _when(b.created_at)},
                german=False,
            ),
            reverse("monitoring:import"),
        ),
        Section(
            "meetings_to_complete",
            gettext_lazy("Sitzungen nachbereiten (Teilnahme, Protokoll, Beschlüsse)"),
            meetings,
            lambda m: Entry(m.title, m.get_absolute_url(), f"{m.body} – {_day(m.starts_at)}"),
            reverse("governance:meeting_list") + "?zeit=vergangen",
        ),
        Section(
            "feedback",
            gettext_lazy("Rückmeldungen zur Barrierefreiheit bearbeiten"),
            feedback,
            lambda f: Entry(
                f.page_url or _("Rückmeldung"),
                reverse("feedback_inbox"),
                _("eingegangen am %(date)s") % {"date": _day(f.created_at)},
                german=False,
            ),
            reverse("feedback_inbox"),
        ),
    ]


def _invitations_to_answer(user, roles: UserRoles) -> Section:
    from governance.models import Meeting, MeetingReply

    invited = Meeting.objects.live().filter(
        cancelled_at__isnull=True,
        invitations_sent_at__isnull=False,
        starts_at__gt=timezone.now(),
        body_id__in=roles.body_ids,
    )
    unanswered = _without(invited, MeetingReply, meeting=OuterRef("pk"), user_id=user.pk)
    queryset = unanswered.select_related("body").order_by("starts_at", "pk")
    return Section(
        "invitations_to_answer",
        gettext_lazy("Einladungen beantworten"),
        queryset,
        lambda m: Entry(
            m.title, _page(m, "governance:meeting_reply"), f"{m.body} – {_when(m.starts_at)}"
        ),
        reverse("governance:my_bodies"),
    )


def _reports_to_check(roles: UserRoles) -> Section:
    from reports.models import Report

    statuses = [Report.Status.READY]
    if roles.is_staff:
        statuses.append(Report.Status.FAILED)
    queryset = Report.objects.filter(status__in=statuses).order_by("created_at", "pk")
    heading = (
        gettext_lazy("Berichte prüfen und veröffentlichen")
        if roles.is_staff
        else gettext_lazy("Berichtsentwürfe prüfen")
    )
    return Section(
        "reports_to_check",
        heading,
        queryset,
        lambda r: Entry(
            str(r),
            _page(r, "reports:report_detail"),
            r.get_status_display(),
            overdue=r.status == Report.Status.FAILED,
        ),
        reverse("reports:report_workspace"),
    )


def task_sections(user, roles: UserRoles) -> list[Section]:
    """The unevaluated sections that apply to this person (counted in the navigation)."""
    if not roles.is_authenticated:
        return []
    sections: list[Section] = []
    if roles.body_ids:
        sections += [_rounds_to_answer(user, roles), _invitations_to_answer(user, roles)]
    if roles.board_field_ids:
        sections.append(_roadmaps_to_review(user, roles))
    if roles.is_steering:
        sections += _to_decide()
    if roles.is_staff:
        sections += _staff_sections()
    if roles.can_view_draft_reports:
        sections.append(_reports_to_check(roles))
    return sections


def task_count(user, roles: UserRoles) -> int:
    """Open tasks and unread notifications of this person in one query (UNION ALL)."""
    querysets = [s.queryset for s in task_sections(user, roles) if s.counts]
    querysets.append(Notification.objects.filter(user=user, read_at__isnull=True))
    first, *rest = [queryset.order_by().values_list(Value(1)) for queryset in querysets]
    if not rest:
        return first.count()
    return first.union(*rest, all=True).count()


def unread_notifications(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).order_by(
        "-created_at", "-id"
    )


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def meetings_with_reply(user, roles: UserRoles):
    """Upcoming meetings of the person's bodies with their answer (`my_answer`, or None).

    The ministry and staff see every body's upcoming meetings (they may open all of them).
    """
    from django.db.models import Subquery

    from governance.models import Meeting, MeetingReply

    queryset = Meeting.objects.live().filter(ends_at__gte=timezone.now())
    if not (roles.is_ministry or roles.is_staff):
        queryset = queryset.filter(body_id__in=roles.body_ids)
    answer = MeetingReply.objects.filter(meeting=OuterRef("pk"), user_id=user.pk).values("answer")
    return (
        queryset.select_related("body")
        .annotate(my_answer=Subquery(answer[:1]))
        .order_by("starts_at", "pk")
    )
