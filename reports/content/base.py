"""The building blocks of a report: its spec, sections, the data table (CSV) and the context.

A chapter provider is a function `provider(report: ReportContext) -> list[Section]`. It reads
through `report.snapshot` (everything as it stood on the Stichtag), adds every number it prints
to `report.data` (the CSV embedded in the PDF) and returns its sections. Providers read only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from ris_portal.spreadsheets import FORMULA_PREFIXES

NO_DATA = "Für dieses Jahr liegen noch keine Daten vor."

# The CSV columns. "Objektart" and "ID" (or "Code" for indicators) identify every row's object
# across reports; "Link" is the object's page in the portal.
CSV_HEADER = [
    "Abschnitt",
    "Spezialisierungsfeld",
    "Feldcode",
    "Objektart",
    "ID",
    "Code",
    "Gegenstand",
    "Merkmal",
    "Jahr oder Zeitraum",
    "Wert",
    "Einheit",
    "Quelle",
    "Link",
]
STATEWIDE = "Thüringen"


def default_stichtag(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def stichtag_error(year: int, stichtag: datetime.date) -> str | None:
    """Why `stichtag` cannot be the cut-off date of a report for `year` (None if it can).

    Any day from 1 January of the reporting year on: 31 December by default, later to take in
    values delivered in spring, earlier for an interim report.
    """
    if stichtag < datetime.date(year, 1, 1):
        return _("Der Stichtag darf nicht vor dem Berichtsjahr liegen.")
    return None


@dataclass(frozen=True)
class ReportSpec:
    year: int
    kind: str = "jahresbericht"
    title: str = ""
    version: int = 1
    # Cut-off date: the report shows everything as it stood at the end of this day.
    stichtag: datetime.date | None = None
    generated_at: datetime.datetime = field(default_factory=timezone.now)
    # First year of a final (period) report, e.g. 2021 for 2021–2027; None for annual reports.
    start_year: int | None = None

    @property
    def cutoff(self) -> datetime.date:
        return self.stichtag or default_stichtag(self.year)

    @property
    def cutoff_text(self) -> str:
        """The Stichtag as the CSV gives it for values "as of the Stichtag"."""
        return self.cutoff.strftime("%d.%m.%Y")

    @property
    def is_period(self) -> bool:
        return self.start_year is not None and self.start_year < self.year

    @property
    def period_years(self) -> list[int]:
        """The years the report is about: the reporting year, or the span of a period report."""
        return list(range(self.start_year if self.is_period else self.year, self.year + 1))

    @property
    def years(self) -> list[int]:
        """The years of the time series: the whole span of a period report, otherwise the
        reporting year and the four before."""
        if self.is_period:
            return self.period_years
        return list(range(self.year - 4, self.year + 1))


@dataclass
class Section:
    key: str  # also the HTML id the table of contents links to
    title: str
    template: str
    context: dict = field(default_factory=dict)
    in_toc: bool = True
    charts: list = field(default_factory=list)


def chapter(key: str, title: str, name: str, context: dict, **options) -> list[Section]:
    """The sections of a chapter that is one section, printed by
    reports/pdf/section_<name>.html."""
    template = f"reports/pdf/section_{name}.html"
    return [Section(key=key, title=title, template=template, context=context, **options)]


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass
class DataTable:
    """The rows of the embedded CSV, filled by the chapters as they are built."""

    rows: list[list[str]] = field(default_factory=list)

    def add(
        self,
        *,
        section: str,
        kind: str,
        metric: str,
        value,
        field=None,
        pk: int | None = None,
        code: str = "",
        item: str = "",
        period="",
        unit: str = "",
        source: str = "",
        url: str = "",
    ) -> None:
        """One value of one object. `field` is a SpecializationField or None for Thuringia."""
        head = self.head(section=section, kind=kind, field=field, pk=pk, code=code, item=item)
        self.add_line(
            head, metric=metric, value=value, period=period, unit=unit, source=source, url=url
        )

    @staticmethod
    def head(
        *,
        section: str,
        kind: str,
        field=None,
        pk: int | None = None,
        code: str = "",
        item: str = "",
    ) -> tuple[str, ...]:
        """The leading cells that all lines of one object share, escaped once.

        An indicator has a dozen lines per year and scope (at 30× data the CSV has about
        300,000 lines), so `add_indicator_rows` computes these cells once per scope.
        """
        return (
            _escape(section),
            _escape(field.name if field is not None else STATEWIDE),
            _escape(field.code if field is not None else ""),
            _escape(kind),
            "" if pk is None else str(pk),
            _escape(code),
            _escape(item),
        )

    def add_line(
        self,
        head: tuple[str, ...],
        *,
        metric: str,
        value,
        period="",
        unit: str = "",
        source: str = "",
        url: str = "",
    ) -> None:
        # Text cells come from editable names; a number stays a plain number (may be negative).
        # `_escape` is `escape_formula` for strings (it runs a million times at 30× data and
        # stays a plain function call).
        plain = _plain(value)
        if not isinstance(value, int | float | Decimal):
            plain = _escape(plain)
        self.rows.append(
            [
                *head,
                _escape(metric),
                _escape(str(period)),
                plain,
                _escape(unit),
                _escape(source),
                _escape(url),
            ]
        )


def _escape(text: str) -> str:
    """`escape_formula` for a text cell, without its type check (every cell here is text)."""
    return "'" + text if text and text[0] in _FORMULA_STARTS else text


_FORMULA_STARTS = frozenset(prefix[0] for prefix in FORMULA_PREFIXES)


@dataclass
class ReportContext:
    """What every chapter provider gets: the spec, the CSV being filled, the data snapshot."""

    spec: ReportSpec
    data: DataTable
    snapshot: object  # reports.content.snapshot.Snapshot (kept loose to avoid an import cycle)

    @cached_property
    def narratives(self) -> dict[tuple[str, int | None], str]:
        """The office's assessment per (chapter, field id), as the texts stood on the Stichtag."""
        from ..narratives import narratives_as_of

        return narratives_as_of(kind=self.spec.kind, year=self.spec.year, stichtag=self.spec.cutoff)

    def narrative(self, chapter: str, field_id: int | None = None) -> str:
        return self.narratives.get((chapter, field_id), "")


@dataclass
class ReportContent:
    spec: ReportSpec
    sections: list[Section]
    data: DataTable

    @property
    def charts(self) -> list:
        return [chart for section in self.sections for chart in section.charts]


Provider = Callable[[ReportContext], list[Section]]
