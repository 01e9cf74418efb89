"""Appendix: the gaps of the data — expected indicator values missing or provisional on the
Stichtag (the completeness matrix of `monitoring.completeness`, as of the Stichtag)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring.completeness import MISSING, PROVISIONAL, completeness_matrix

from .. import links
from ..base import ReportContext, Section, chapter

SECTION = "Datenlücken"
PRINTED = 60  # rows printed per list; all of them are in the CSV
ROWS_PER_TABLE = 30


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def data_gaps(report: ReportContext) -> list[Section]:
    spec = report.spec
    years = spec.period_years
    matrix = completeness_matrix(years=years, as_of=report.snapshot.moment)
    lists = {}
    urls: dict[int, str] = {}  # one per indicator, not one per missing value
    for state, cells in ((MISSING, matrix.gaps), (PROVISIONAL, matrix.provisional)):
        items = []
        for row, cell in cells:
            url = urls.get(row.indicator.pk) or urls.setdefault(
                row.indicator.pk, links.indicator_url(row.indicator)
            )
            report.data.add(
                section=SECTION,
                field=row.field,
                kind="Indikatorwert",
                code=row.indicator.code,
                item=row.indicator.name,
                metric="Datenstand",
                period=cell.year,
                value=cell.label,
                unit=row.indicator.unit,
                url=url,
            )
            items.append({"row": row, "cell": cell, "url": url})
        lists[state] = items
    return chapter(
        "datenluecken",
        _("Anhang: Lücken in den Indikatorwerten"),
        "data_gaps",
        {
            "matrix": matrix,
            "first": years[0],
            "last": years[-1],
            "stichtag": spec.cutoff,
            "missing": _chunks(lists[MISSING][:PRINTED], ROWS_PER_TABLE),
            "missing_count": len(lists[MISSING]),
            "missing_rest": max(0, len(lists[MISSING]) - PRINTED),
            "provisional": _chunks(lists[PROVISIONAL][:PRINTED], ROWS_PER_TABLE),
            "provisional_count": len(lists[PROVISIONAL]),
            "provisional_rest": max(0, len(lists[PROVISIONAL]) - PRINTED),
        },
    )
