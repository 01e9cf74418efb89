"""Final report only: the development over the whole span in multi-year tables.

Indicator values per year (Thuringia and each field) and activities and funding per year and
field, as they stood on the Stichtag. Like the office's final report for 2015–2022, the tables
run over all years of the span; a span longer than `YEARS_PER_TABLE` is split into several
tables so that each fits the page. The indicator values are in the CSV through the statewide
and field chapters already; the activity counts and funding sums are added here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from monitoring.models import Activity
from ris_portal.snapshots import m2m_ids_at

from .. import links
from ..base import ReportContext, Section, chapter
from ..indicators import chapter_priority, indicator_label

SECTION = "Berichtszeitraum"
YEARS_PER_TABLE = 8
STATEWIDE_ROWS = 40
FIELD_ROWS = 15
MILLION = Decimal(1_000_000)


@dataclass
class YearTable:
    caption: str
    header: str  # heading of the label column
    years: list[int]
    rows: list[dict]  # {"label", "url", "cells": [{"value", "provisional"} per year]}


def _chunks(years: list[int]) -> list[list[int]]:
    return [years[i : i + YEARS_PER_TABLE] for i in range(0, len(years), YEARS_PER_TABLE)]


def _tables(caption: str, header: str, years: list[int], rows: list[dict]) -> list[YearTable]:
    """One table per chunk of years; each row keeps its label and gets that chunk's cells."""
    chunks = _chunks(years)
    result = []
    for chunk in chunks:
        part = f" ({chunk[0]}–{chunk[-1]})" if len(chunks) > 1 else ""
        indexes = [years.index(year) for year in chunk]
        result.append(
            YearTable(
                caption=f"{caption}{part}",
                header=header,
                years=chunk,
                rows=[{**row, "cells": [row["cells"][i] for i in indexes]} for row in rows],
            )
        )
    return result


def _indicator_rows(scopes, years: list[int], limit: int) -> tuple[list[dict], int]:
    chosen = sorted((s for s in scopes if s.value_rows), key=chapter_priority)
    rows = []
    for scope in chosen[:limit]:
        cells = []
        for year in years:
            row = scope.row(year)
            if row is None or row.value is None:
                cells.append({"value": None, "provisional": False})
            else:
                cells.append({"value": row.value, "provisional": row.provisional})
        rows.append(
            {
                "label": indicator_label(scope.indicator),
                "url": links.indicator_url(scope.indicator),
                "cells": cells,
            }
        )
    return rows, max(0, len(chosen) - limit)


def _activity_totals(report: ReportContext, years: list[int]):
    """Running activities per (field, year) and funding per (field, year of the start).

    Funding is counted in the year an activity starts (a multi-year project is counted once);
    an activity without an end date runs in its start year only, as in the field chapters.
    """
    first, last = years[0], years[-1]
    versions = (
        report.snapshot.versions(Activity)
        .filter(start_date__year__lte=last)
        .filter(
            Q(end_date__isnull=True, start_date__year__gte=first) | Q(end_date__year__gte=first)
        )
    )
    rows = list(versions.values_list("id", "start_date", "end_date", "funding_amount"))
    links_by_activity = m2m_ids_at(Activity, "fields", report.snapshot.moment)
    running: dict[tuple, set[int]] = defaultdict(set)
    funding: dict[tuple, Decimal] = defaultdict(Decimal)
    for pk, start, end, amount in rows:
        until = end.year if end else start.year
        scopes = [None, *links_by_activity.get(pk, ())]
        for year in range(max(start.year, first), min(until, last) + 1):
            for scope in scopes:
                running[(scope, year)].add(pk)
        if amount and first <= start.year <= last:
            for scope in scopes:
                funding[(scope, start.year)] += amount
    return running, funding


def _activity_tables(report: ReportContext, years: list[int]) -> list[YearTable]:
    running, funding = _activity_totals(report, years)
    scopes = [(None, _("Thüringen insgesamt")), *[(f.pk, f.name) for f in report.snapshot.fields]]
    field_by_id = report.snapshot.fields_by_id
    count_rows, money_rows = [], []
    for scope, label in scopes:
        counts = [len(running.get((scope, year), ())) for year in years]
        sums = [funding.get((scope, year), Decimal(0)) for year in years]
        count_rows.append({"label": label, "url": "", "cells": [{"value": n} for n in counts]})
        money_rows.append(
            {"label": label, "url": "", "cells": [{"value": s / MILLION} for s in sums]}
        )
        for year, count, total in zip(years, counts, sums, strict=True):
            common = {"section": SECTION, "field": field_by_id.get(scope), "period": year}
            report.data.add(
                **common, kind="Aktivitäten", metric="laufende Aktivitäten", value=count
            )
            report.data.add(
                **common,
                kind="Aktivitäten",
                metric="Fördermittel (Beginn im Jahr)",
                value=total,
                unit="EUR",
            )
    return [
        *_tables(_("Laufende Aktivitäten je Jahr"), _("Geltungsbereich"), years, count_rows),
        *_tables(
            _("Fördermittel nach Jahr des Beginns (Mio. EUR)"),
            _("Geltungsbereich"),
            years,
            money_rows,
        ),
    ]


def period(report: ReportContext) -> list[Section]:
    spec = report.spec
    if not spec.is_period:
        return []
    years = spec.period_years
    table = report.snapshot.indicator_table
    statewide, statewide_rest = _indicator_rows(table.for_field(None), years, STATEWIDE_ROWS)
    field_blocks = []
    for f in report.snapshot.fields:
        rows, rest = _indicator_rows(table.for_field(f.pk), years, FIELD_ROWS)
        if rows:
            caption = _("Indikatoren %(field)s je Jahr") % {"field": f.name}
            tables = _tables(caption, _("Indikator"), years, rows)
            field_blocks.append({"field": f, "tables": tables, "rest": rest})
    return chapter(
        "berichtszeitraum",
        _("Entwicklung %(first)s–%(last)s") % {"first": years[0], "last": years[-1]},
        "period",
        {
            "first": years[0],
            "last": years[-1],
            "stichtag": spec.cutoff,
            "activity_tables": _activity_tables(report, years),
            "statewide_tables": _tables(
                _("Landesweite Indikatoren je Jahr"), _("Indikator"), years, statewide
            ),
            "statewide_rest": statewide_rest,
            "field_blocks": field_blocks,
        },
    )
