"""Appendix: definitions and sources of the indicators (the full catalogue is in the CSV)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import links
from ..base import ReportContext, Section, chapter
from ..indicators import indicator_lines

SECTION = "Indikatorenkatalog"
ROWS_PER_TABLE = 25  # short tables instead of one table spanning many pages (see pdf.py)
PRINTED = 100  # definitions printed; those reported in the body come first


def annex(report: ReportContext) -> list[Section]:
    indicators = report.snapshot.indicators
    reported = {scope.indicator.pk for scope in report.snapshot.indicator_table.scopes}
    for indicator in indicators:
        indicator_lines(report.data, SECTION, None, indicator)(
            metric="Definition", value=indicator.get_kind_display(), unit=indicator.unit
        )
    chosen = sorted(indicators, key=lambda i: (i.pk not in reported, i.kind, i.code))[:PRINTED]
    chosen.sort(key=lambda i: (i.kind, i.code))
    groups: list[dict] = []
    for indicator in chosen:
        label = indicator.get_kind_display()
        if not groups or groups[-1]["kind"] != label:
            groups.append({"kind": label, "tables": [[]]})
        if len(groups[-1]["tables"][-1]) == ROWS_PER_TABLE:
            groups[-1]["tables"].append([])
        groups[-1]["tables"][-1].append(
            {"indicator": indicator, "url": links.indicator_url(indicator)}
        )
    return chapter(
        "anhang",
        _("Anhang: Indikatoren und Quellen"),
        "annex",
        {"indicators": indicators, "groups": groups, "rest": len(indicators) - len(chosen)},
    )
