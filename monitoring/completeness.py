"""Completeness of the indicator values: indicator × scope × year, missing / provisional / final.

Which values are *due* follows the indicator's `ValidationRule` (the DHIS2 "data set"): a value
for Thuringia as a whole (unless the rule says otherwise) and one per required field, every year
from the rule's first year (or, without one, from the first year with a value or the target's
baseline year). Indicators with neither rule, target nor value are not collected and are only
counted. Values present for scopes that are not required are shown, but never count as gaps.

Reads only. The page of the matrix, the import preview (missing breakdowns) and the report's
appendix (gaps as they stood on the Stichtag, with `values` from the history) use it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from fields.models import SpecializationField

from .models import Indicator, IndicatorValue, Target

MISSING = "fehlt"
PROVISIONAL = IndicatorValue.Status.PROVISIONAL.value
FINAL = IndicatorValue.Status.FINAL.value
NOT_DUE = "nicht_erwartet"

STATE_LABELS = {
    MISSING: _("fehlt"),
    PROVISIONAL: _("vorläufig"),
    FINAL: _("endgültig"),
    NOT_DUE: _("nicht erwartet"),
}
STATE_BADGES = {MISSING: "danger", PROVISIONAL: "warning", FINAL: "success", NOT_DUE: ""}

# (indicator id, field id or None, year, status)
ValueTuple = tuple[int, int | None, int, str]


@dataclass
class Cell:
    year: int
    state: str
    expected: bool
    value_id: int | None = None

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


@dataclass
class Row:
    indicator: Indicator
    field: SpecializationField | None  # None: Thuringia as a whole
    required: bool
    cells: list[Cell]

    @property
    def gaps(self) -> int:
        return sum(1 for cell in self.cells if cell.state == MISSING)

    @property
    def scope_label(self) -> str:
        return self.field.name if self.field is not None else str(_("Thüringen insgesamt"))


@dataclass
class Matrix:
    years: list[int]
    rows: list[Row]
    not_collected: int = 0  # catalogue indicators without rule, target or value
    totals: Counter = field(default_factory=Counter)

    @property
    def expected(self) -> int:
        return self.totals["expected"]

    @property
    def present(self) -> int:
        return self.totals["expected_present"]

    @property
    def missing(self) -> int:
        return self.totals[MISSING]

    @property
    def percent(self) -> int | None:
        """Share of due values that exist (final or provisional), rounded down."""
        if not self.expected:
            return None
        return self.present * 100 // self.expected

    @property
    def gaps(self) -> list[tuple[Row, Cell]]:
        return [(row, cell) for row in self.rows for cell in row.cells if cell.state == MISSING]

    @property
    def provisional(self) -> list[tuple[Row, Cell]]:
        return [(row, cell) for row in self.rows for cell in row.cells if cell.state == PROVISIONAL]


def _first_years(values: list[ValueTuple] | None) -> dict[int, int]:
    """The first year each indicator had a value, or its target's baseline year if earlier."""
    if values is None:
        first = dict(
            IndicatorValue.objects.live()
            .values("indicator_id")
            .annotate(first=Min("year"))
            .values_list("indicator_id", "first")
        )
    else:
        first = {}
        for indicator_id, _field, year, _status in values:
            first[indicator_id] = min(year, first.get(indicator_id, year))
    baselines = (
        Target.objects.live()
        .values("indicator_id")
        .annotate(first=Min("baseline_year"))
        .values_list("indicator_id", "first")
    )
    for indicator_id, year in baselines:
        first[indicator_id] = min(year, first.get(indicator_id, year))
    return first


def _shown_values(years: list[int], values: list[ValueTuple] | None) -> dict[int, dict]:
    """{indicator id: {(field id, year): (status, value pk)}} within `years`."""
    if values is None:
        shown = (
            IndicatorValue.objects.live()
            .filter(year__gte=years[0], year__lte=years[-1])
            .values_list("indicator_id", "field_id", "year", "status", "pk")
        )
    else:
        shown = [(*v[:4], None) for v in values if years[0] <= v[2] <= years[-1]]
    found: dict[int, dict[tuple[int | None, int], tuple[str, int | None]]] = defaultdict(dict)
    for indicator_id, field_id, year, status, pk in shown:
        found[indicator_id][(field_id, year)] = (status, pk)
    return found


def _required_scopes(rule, field_ids) -> set:
    required = set()
    if rule is None or rule.requires_statewide:
        required.add(None)
    if rule is not None:
        required |= {f.pk for f in rule.required_fields.all() if f.pk in field_ids}
    return required


def _fill_row(matrix: Matrix, row: Row, present: dict, start: int | None) -> None:
    scope = row.field.pk if row.field is not None else None
    for year in matrix.years:
        expected = row.required and (start is None or year >= start)
        status, pk = present.get((scope, year), (None, None))
        state = status or (MISSING if expected else NOT_DUE)
        row.cells.append(Cell(year=year, state=state, expected=expected, value_id=pk))
        matrix.totals[state] += 1
        if expected:
            matrix.totals["expected"] += 1
            if status:
                matrix.totals["expected_present"] += 1


def completeness_matrix(
    *,
    years: list[int],
    scopes: set | None = None,
    kind: str = "",
    only_gaps: bool = False,
    values: Iterable[ValueTuple] | None = None,
) -> Matrix:
    """The matrix for `years`; `scopes` limits the rows (None: Thuringia, field ids).

    `values` replaces the live values (e.g. as they stood on a report's Stichtag); without it
    the matrix reads the current, non-archived values. A constant number of queries.
    """
    years = sorted(years)
    indicators = (
        Indicator.objects.live()
        .select_related("validation_rule")
        .prefetch_related("validation_rule__required_fields")
        .order_by("code")
    )
    if kind:
        indicators = indicators.filter(kind=kind)
    fields = list(SpecializationField.objects.live().order_by("order", "name"))
    field_by_id = {f.pk: f for f in fields}
    all_values = list(values) if values is not None else None
    first_years = _first_years(all_values)
    found = _shown_values(years, all_values)
    matrix = Matrix(years=years, rows=[])
    for indicator in indicators:
        rule = getattr(indicator, "validation_rule", None)
        if rule is not None and rule.is_archived:
            rule = None
        if rule is None and indicator.pk not in first_years:
            matrix.not_collected += 1
            continue
        start = rule.first_year if rule and rule.first_year else first_years.get(indicator.pk)
        present = found.get(indicator.pk, {})
        required = _required_scopes(rule, field_by_id)
        with_values = {field_id for field_id, _year in present}
        for scope in [None, *field_by_id]:
            if scope not in required and scope not in with_values:
                continue
            if scopes is not None and scope not in scopes:
                continue
            row = Row(
                indicator=indicator,
                field=field_by_id.get(scope),
                required=scope in required,
                cells=[],
            )
            _fill_row(matrix, row, present, start)
            if not only_gaps or row.gaps:
                matrix.rows.append(row)
    return matrix


@dataclass
class MissingBreakdown:
    indicator: Indicator
    year: int
    scopes: list[str]


def missing_breakdowns(keys: Iterable[tuple[int, int | None, int]]) -> list[MissingBreakdown]:
    """For the (indicator, year) pairs touched by `keys`: required scopes still without a value.

    `keys` are (indicator id, field id, year) of values about to be written; they count as
    present. Used as a hint in the import preview and after saving a value (not a warning that
    needs a reason: the other fields may simply come later).
    """
    keys = list(keys)
    pairs = {(indicator_id, year) for indicator_id, _field, year in keys}
    if not pairs:
        return []
    indicator_ids = {indicator_id for indicator_id, _year in pairs}
    indicators = {
        i.pk: i
        for i in Indicator.objects.filter(pk__in=indicator_ids, validation_rule__isnull=False)
        .select_related("validation_rule")
        .prefetch_related("validation_rule__required_fields")
    }
    if not indicators:
        return []
    present = set(keys)
    present |= set(
        IndicatorValue.objects.live()
        .filter(indicator_id__in=indicators, year__in={year for _indicator, year in pairs})
        .values_list("indicator_id", "field_id", "year")
    )
    result = []
    for indicator_id, year in sorted(pairs, key=lambda p: (str(indicators.get(p[0], "")), p[1])):
        indicator = indicators.get(indicator_id)
        if indicator is None or indicator.validation_rule.is_archived:
            continue
        rule = indicator.validation_rule
        if rule.first_year and year < rule.first_year:
            continue
        names = []
        if rule.requires_statewide and (indicator_id, None, year) not in present:
            names.append(str(_("Thüringen insgesamt")))
        for f in sorted(rule.required_fields.all(), key=lambda f: (f.order, f.name)):
            if not f.is_archived and (indicator_id, f.pk, year) not in present:
                names.append(f.name)
        if names:
            result.append(MissingBreakdown(indicator=indicator, year=year, scopes=names))
    return result
