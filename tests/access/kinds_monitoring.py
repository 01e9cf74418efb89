"""Object kinds of monitoring, reports and the portal wiring in every state."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone

from monitoring.models import Activity, ImportBatch, IndicatorValue
from reports.models import Narrative, Report
from ris_portal.models import OutboxMail
from tests.factories import (
    FeedbackMessageFactory,
    IndicatorFactory,
    InvitationFactory,
    OutboxMailFactory,
    UserFactory,
)
from tests.monitoring.factories import (
    ActivityFactory,
    ImportBatchFactory,
    IndicatorValueFactory,
    TargetFactory,
    ValidationRuleFactory,
    YearLockFactory,
)
from tests.reports.factories import NarrativeFactory, ReportFactory

from .policy import MINISTRY, STEERING, any_of, in_states, not_in_states, roles, staff
from .world import Kind, World, every_status

LIVE = not_in_states("archived")


def build_activities(w: World) -> None:
    for state in ("active", "archived"):
        marker = w.marker()
        activity = ActivityFactory(
            unfunded=True,
            kind=Activity.Kind.EVENT,
            title=f"Aktivität {marker}",
            start_date=datetime.date(2025, 3, 1),
            is_archived=state == "archived",
        )
        w.add("activity", state, "-", activity, marker)


def build_indicators(w: World) -> None:
    for state in ("active", "archived"):
        marker = w.marker()
        indicator = IndicatorFactory(
            code=marker.upper(), name=f"Indikator {marker}", is_archived=state == "archived"
        )
        w.add("indicator", state, "-", indicator, marker)


def build_indicator_values(w: World) -> None:
    indicator = IndicatorFactory()
    YearLockFactory(year=2021, note="Bericht veröffentlicht")
    states = {
        "provisional": (2023, IndicatorValue.Status.PROVISIONAL, False),
        "final": (2022, IndicatorValue.Status.FINAL, False),
        "locked": (2021, IndicatorValue.Status.FINAL, False),
        "archived": (2020, IndicatorValue.Status.PROVISIONAL, True),
    }
    for state, (year, status, archived) in states.items():
        marker = w.marker()
        value = IndicatorValueFactory(
            indicator=indicator,
            year=year,
            value=Decimal("12.5"),
            status=status,
            source_note=f"Quelle {marker}",
            is_archived=archived,
        )
        w.add("indicator_value", state, "-", value, marker)


def build_targets(w: World) -> None:
    for state in ("active", "archived"):
        marker = w.marker()
        target = TargetFactory(
            indicator=IndicatorFactory(),
            baseline_year=2020,
            baseline_value=Decimal("10"),
            target_year=2027,
            target_value=Decimal("20"),
            note=f"Ziel {marker}",
            is_archived=state == "archived",
        )
        w.add("target", state, "-", target, marker)


def build_validation_rules(w: World) -> None:
    marker = w.marker()
    rule = ValidationRuleFactory(
        indicator=IndicatorFactory(), max_change_percent=Decimal("20"), note=f"Regel {marker}"
    )
    w.add("validation_rule", "active", "-", rule, marker)


def build_import_batches(w: World) -> None:
    statuses = every_status(ImportBatch.Status)
    content = b"Code;Jahr;Wert\n"

    def batch(scope, state, status, marker):
        return ImportBatchFactory(
            kind=ImportBatch.Kind.INDICATOR_VALUES,
            status=status,
            file_name=f"{marker}.csv",
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            created_by=w.cast.staff,
            imported_at=timezone.now() if state != "preview" else None,
            rolled_back_at=timezone.now() if state == "rolled_back" else None,
        )

    w.add_per_status("import_batch", ("-",), statuses, batch)


REPORT_STATES = {
    # state: (kind, status, has a file)
    "requested": (Report.Kind.ANNUAL, Report.Status.REQUESTED, False),
    "rendering": (Report.Kind.ANNUAL, Report.Status.RENDERING, False),
    "failed": (Report.Kind.ANNUAL, Report.Status.FAILED, False),
    "ready": (Report.Kind.ANNUAL, Report.Status.READY, True),
    "published": (Report.Kind.ANNUAL, Report.Status.PUBLISHED, True),
    "legacy_unpublished": (Report.Kind.LEGACY, Report.Status.READY, True),
    "legacy_published": (Report.Kind.LEGACY, Report.Status.PUBLISHED, True),
}
REPORT_WITH_FILE = tuple(state for state, (_k, _s, has_file) in REPORT_STATES.items() if has_file)
REPORT_PUBLIC = ("published", "legacy_published")


def build_reports(w: World) -> None:
    for number, (state, (kind, status, has_file)) in enumerate(REPORT_STATES.items(), 1):
        marker = w.marker()
        report = ReportFactory(
            kind=kind,
            year=2016 + number,  # one report in progress per kind, year and Stichtag
            number=number,
            stichtag=None if kind == Report.Kind.LEGACY else datetime.date(2016 + number, 12, 31),
            title=f"Bericht {marker}",
            status=status,
            error_message="Worker abgestürzt" if state == "failed" else "",
            attempts=3 if state == "failed" else 0,
            with_file=has_file,
        )
        w.add("report", state, "-", report, marker)


# A narrative is open (drafted and commented on) until a report of its kind and year is
# published; then it is frozen: the "published" state.
NARRATIVE_YEARS = {"active": 2024, "archived": 2023, "published": 2015}


def build_narratives(w: World) -> None:
    for state, year in NARRATIVE_YEARS.items():
        marker = w.marker()
        if state == "published":
            ReportFactory(
                kind=Report.Kind.ANNUAL, year=year, status=Report.Status.PUBLISHED, title="Bericht"
            )
        narrative = NarrativeFactory(
            year=year,
            chapter=Narrative.Chapter.STATEWIDE,
            text=f"Einschätzung {marker}",
            is_archived=state == "archived",
        )
        w.add("narrative", state, "-", narrative, marker)


def build_feedback(w: World) -> None:
    for state in ("open", "handled"):
        marker = w.marker()
        feedback = FeedbackMessageFactory(message=f"Barriere {marker}", handled=state == "handled")
        w.add("feedback", state, "-", feedback, marker)


def build_invitations(w: World) -> None:
    for state in ("pending", "accepted"):
        marker = w.marker()
        user = UserFactory(username=f"{marker.lower()}@example.org", last_name=marker)
        if state == "pending":
            user.set_unusable_password()
            user.save()
        invitation = InvitationFactory(
            user=user, invited_by=w.cast.staff, last_sent_at=timezone.now()
        )
        w.add("invitation", state, "-", invitation, marker)


def build_outbox_mails(w: World) -> None:
    states = {
        "waiting": OutboxMail.Status.PENDING,
        "sent": OutboxMail.Status.SENT,
        "failed": OutboxMail.Status.FAILED,
    }
    w.add_per_status(
        "outbox_mail",
        ("-",),
        states,
        lambda scope, state, status, marker: OutboxMailFactory(
            subject=f"Einladung {marker}", status=status
        ),
    )


KINDS = [
    Kind("activity", ("active", "archived"), build_activities, staff),
    Kind("indicator", ("active", "archived"), build_indicators, any_of(LIVE, staff)),
    Kind(
        "indicator_value",
        ("provisional", "final", "locked", "archived"),
        build_indicator_values,
        # Values appear on the public indicator pages (provisional ones marked as such).
        any_of(LIVE, staff),
    ),
    Kind("target", ("active", "archived"), build_targets, any_of(LIVE, staff)),
    Kind("validation_rule", ("active",), build_validation_rules, staff),
    Kind("import_batch", ("preview", "imported", "rolled_back"), build_import_batches, staff),
    Kind(
        "report",
        tuple(REPORT_STATES),
        build_reports,
        any_of(in_states(*REPORT_PUBLIC), roles(STEERING, MINISTRY), staff),
    ),
    # The office's draft assessments: read by those who see draft reports.
    Kind(
        "narrative",
        tuple(NARRATIVE_YEARS),
        build_narratives,
        any_of(roles(STEERING, MINISTRY), staff),
    ),
    Kind("feedback", ("open", "handled"), build_feedback, staff),
    Kind("invitation", ("pending", "accepted"), build_invitations, staff),
    Kind("outbox_mail", ("waiting", "sent", "failed"), build_outbox_mails, staff),
]
