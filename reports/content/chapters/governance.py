"""Governance: the bodies and their composition on the Stichtag, the year's meetings,
public decisions and review rounds."""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from governance.models import Membership

from ...charts import Chart
from ...models import Narrative
from .. import links
from ..base import NO_DATA, ReportContext, Section, chapter
from .fields import LIST_LIMIT

SECTION = "Gremien"


def _bodies(report: ReportContext) -> tuple[list[dict], Counter]:
    snapshot = report.snapshot
    sector_totals: Counter = Counter()
    rows = []
    for body in snapshot.bodies:
        members = snapshot.memberships_by_body.get(body.pk, [])
        sectors = Counter(m.sector for m in members)
        sector_totals.update(sectors)
        public = [m for m in members if m.public_consent]
        field = snapshot.fields_by_id.get(body.field_id)
        rows.append(
            {
                "body": body,
                "member_count": len(members),
                "sectors": [
                    (str(label), sectors.get(value, 0))
                    for value, label in Membership.Sector.choices
                ],
                "public_members": public[:LIST_LIMIT],
                "more_public_members": max(0, len(public) - LIST_LIMIT),
            }
        )
        report.data.add(
            section=SECTION,
            field=field,
            kind="Gremium",
            pk=body.pk,
            item=body.name,
            metric="Mitglieder",
            period=report.spec.cutoff_text,
            value=len(members),
            unit="Anzahl",
        )
    return rows, sector_totals


def _work(report: ReportContext) -> dict:
    snapshot, year = report.snapshot, report.spec.year
    bodies = snapshot.all_bodies_by_id
    meetings = snapshot.meetings(year)
    decisions = snapshot.decisions(year)
    rounds = snapshot.review_rounds(year)
    decision_rows = []
    for decision in decisions:
        body = bodies.get(decision.body_id)
        url = links.decision_url(decision)
        report.data.add(
            section="Beschlüsse",
            field=snapshot.fields_by_id.get(getattr(body, "field_id", None)),
            kind="Beschluss",
            pk=decision.pk,
            item=decision.title,
            metric="Ergebnis",
            period=decision.decided_at.date().isoformat(),
            value=decision.get_outcome_display(),
            source=body.name if body else "",
            url=url,
        )
        decision_rows.append({"decision": decision, "body": body, "url": url})
    for meeting in meetings:
        meeting.body_name = getattr(bodies.get(meeting.body_id), "name", "")
    for round_ in rounds:
        round_.body_name = getattr(bodies.get(round_.body_id), "name", "")
    return {
        "meetings": meetings[:LIST_LIMIT],
        "meetings_rest": max(0, len(meetings) - LIST_LIMIT),
        "decisions": decision_rows[:LIST_LIMIT],
        "decisions_rest": max(0, len(decision_rows) - LIST_LIMIT),
        "review_rounds": rounds[:LIST_LIMIT],
        "review_rounds_rest": max(0, len(rounds) - LIST_LIMIT),
    }


def governance(report: ReportContext) -> list[Section]:
    body_rows, sector_totals = _bodies(report)
    chart = Chart(
        _("Mitglieder der Gremien nach Bereich"),
        [(str(label), sector_totals.get(value, 0)) for value, label in Membership.Sector.choices],
    )
    return chapter(
        "governance",
        _("Governance"),
        "governance",
        {
            "bodies": body_rows,
            "work": _work(report),
            "narrative": report.narrative(Narrative.Chapter.GOVERNANCE),
            "no_data": NO_DATA,
            "year": report.spec.year,
            "stichtag": report.spec.cutoff,
        },
        charts=[chart],
    )
