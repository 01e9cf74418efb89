"""Completeness of the indicator values: indicator × scope × year, missing / provisional / final.

Which values are *due* follows the indicator's `ValidationRule` (the DHIS2 "data set"): a value
for Thuringia as a whole (unless the rule says otherwise) and one per required field, every year
from the rule's first year (or, without one, from the first year with a value or the target's
baseline year). Indicators with neither rule, target nor value are not collected and are only
counted. Values present for scopes that are not required are shown, but never count as gaps.

Reads only. The page of the matrix, the import preview (missing breakdowns) and the report's
appendix (gaps as they stood on the Stichtag, `as_of`, from the history) use it.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from fields.models import SpecializationField
from ris_portal.snapshots import live_versions_at, m2m_ids_at

from .models import Indicator, IndicatorValue, Target, ValidationRule

MISSING = "fehlt"
PROVISIONAL = IndicatorValue.Status.PROVISIONAL.value
FINAL = IndicatorValue.Status.FINAL.value
NOT_DUE = "nicht_erwartet"

STATE_LABELS = {
    MISSING: _("fehlt"),
    **dict(IndicatorValue.Status.choices),  # PROVISIONAL and FINAL: the values' own labels
    NOT_DUE: _("nicht erwartet"),
}
STATE_BADGES = {MISSING: "danger", PROVISIONAL: "warning", FINAL: "success", NOT_DUE: ""}


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


def _source(model, as_of):
    """Live rows, or the versions that were live at `as_of` (from the history)."""
    return model.objects.live() if as_of is None else live_versions_at(model, as_of)


def _instances(queryset, as_of) -> list:
    return list(queryset) if as_of is None else [record.instance for record in queryset]


def _first_years(as_of) -> dict[int, int]:
    """The first year each indicator had a value, or its target's baseline year if earlier."""
    first: dict[int, int] = {}
    for model, name in ((IndicatorValue, "year"), (Target, "baseline_year")):
        rows = (
            _source(model, as_of)
            .order_by()
            .values("indicator_id")
            .annotate(first=Min(name))
            .values_list("indicator_id", "first")
        )
        for indicator_id, year in rows:
            first[indicator_id] = min(year, first.get(indicator_id, year))
    return first


def _shown_values(years: list[int], as_of) -> dict[int, dict]:
    """{indicator id: {(field id, year): (status, value pk)}} within `years`."""
    shown = (
        _source(IndicatorValue, as_of)
        .filter(year__gte=years[0], year__lte=years[-1])
        .values_list("indicator_id", "field_id", "year", "status", "id")
    )
    found: dict[int, dict[tuple[int | None, int], tuple[str, int | None]]] = defaultdict(dict)
    for indicator_id, field_id, year, status, pk in shown:
        found[indicator_id][(field_id, year)] = (status, pk)
    return found


@dataclass
class _Rule:
    """What the matrix needs of a validation rule (live or as it stood at a moment)."""

    requires_statewide: bool
    first_year: int | None
    required_field_ids: set[int]


def _indicators_and_rules(kind: str, as_of) -> tuple[list[Indicator], dict[int, _Rule]]:
    """The indicators and their rules: three flat queries (a prefetch per rule would cost
    more than the whole matrix at 800 indicators)."""
    versions = _source(Indicator, as_of)
    if kind:
        versions = versions.filter(kind=kind)
    indicators = sorted(_instances(versions, as_of), key=lambda i: i.code)
    required = m2m_ids_at(ValidationRule, "required_fields", as_of)
    rules = {
        indicator_id: _Rule(statewide, first_year, set(required.get(pk, ())))
        for indicator_id, pk, statewide, first_year in _source(ValidationRule, as_of).values_list(
            "indicator_id", "id", "requires_statewide", "first_year"
        )
    }
    return indicators, rules


def _required_scopes(rule: _Rule | None, field_ids) -> set:
    required = set()
    if rule is None or rule.requires_statewide:
        required.add(None)
    if rule is not None:
        required |= {pk for pk in rule.required_field_ids if pk in field_ids}
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
    as_of: datetime.datetime | None = None,
) -> Matrix:
    """The matrix for `years`; `scopes` limits the rows (None: Thuringia, field ids).

    `as_of`: everything (indicators, rules, fields, targets, values) as it stood at that moment,
    from the history (the report's Stichtag); without it the live rows. A constant number of
    queries whatever the amount of data.
    """
    years = sorted(years)
    indicators, rules = _indicators_and_rules(kind, as_of)
    fields = sorted(
        _instances(_source(SpecializationField, as_of), as_of), key=lambda f: (f.order, f.name)
    )
    field_by_id = {f.pk: f for f in fields}
    first_years = _first_years(as_of)
    found = _shown_values(years, as_of)
    matrix = Matrix(years=years, rows=[])
    for indicator in indicators:
        rule = rules.get(indicator.pk)
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
