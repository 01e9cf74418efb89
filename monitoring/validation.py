"""Plausibility checks of indicator values, the way DHIS2 validates data entry.

One module for every path that writes indicator values: the value form, the import (preview and
confirmation), the API. `monitoring.services.indicator_value_save` and `import_batch_confirm`
call it, so no path can skip the checks.

A warning is not an error: the value may well be right (a large project started, a statistic was
revised). The person who enters it confirms it with a reason, which is stored as a
`QualityConfirmation`. The checks follow the indicator's `ValidationRule`, or the defaults:

- the value lies below the minimum or above the maximum;
- the value changes by more than the allowed percentage (default 50 %) against the previous
  year's value of the same scope (Thuringia as a whole, or the same field);
- the following year's value, if already known, changes by more than that against this value
  (entering a forgotten year between two others must not hide a jump).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ris_portal.numbers import format_number

from .models import IndicatorValue, ValidationRule

DEFAULT_MAX_CHANGE_PERCENT = Decimal(50)
CHUNK = 2000

# (indicator id, field id or None for Thuringia, year)
Key = tuple[int, int | None, int]

MESSAGES = {
    "below_min": gettext_noop("Der Wert %(value)s liegt unter dem Mindestwert %(limit)s."),
    "above_max": gettext_noop("Der Wert %(value)s liegt über dem Höchstwert %(limit)s."),
    "change_previous": gettext_noop(
        "Der Wert %(value)s weicht um %(change)s %% vom Vorjahreswert %(other)s (%(year)s) ab; "
        "ohne Begründung zulässig sind höchstens %(allowed)s %%."
    ),
    "change_following": gettext_noop(
        "Der bereits erfasste Wert des Folgejahres %(year)s (%(other)s) weicht um %(change)s %% "
        "von diesem Wert %(value)s ab; ohne Begründung zulässig sind höchstens %(allowed)s %%."
    ),
    "from_zero": gettext_noop(
        "Der Vorjahreswert (%(year)s) ist 0, der neue Wert %(value)s: Die Veränderung ist größer "
        "als die ohne Begründung zulässigen %(allowed)s %%."
    ),
    "to_zero": gettext_noop(
        "Der Wert ist 0, der bereits erfasste Wert des Folgejahres %(year)s aber %(other)s: Die "
        "Veränderung ist größer als die ohne Begründung zulässigen %(allowed)s %%."
    ),
}


@dataclass(frozen=True)
class ValueWarning:
    """One finding; `params` are display strings, so the record can be stored as JSON."""

    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def as_json(self) -> dict:
        return {"code": self.code, "params": dict(self.params)}

    @property
    def message(self) -> str:
        return describe(self.as_json())


def describe(item: dict) -> str:
    """The text of a stored warning, in the active language."""
    template = MESSAGES.get(item.get("code", ""))
    if template is None:
        return str(item.get("code", ""))
    try:
        return _(template) % item.get("params", {})
    except (KeyError, TypeError, ValueError):
        return _(template)


def fingerprint(warnings: Iterable[ValueWarning]) -> str:
    """A short digest of what was shown: a confirmation only counts for the same warnings."""
    items = sorted(json.dumps(w.as_json(), sort_keys=True) for w in warnings)
    return hashlib.sha256("\n".join(items).encode()).hexdigest()[:20]


def _number(value: Decimal) -> str:
    return format_number(value)


def _percent(change: Decimal) -> str:
    sign = "+" if change > 0 else ""
    return sign + format_number(change.quantize(Decimal(1)), 0)


def allowed_change(rule: ValidationRule | None) -> Decimal:
    if rule is not None and rule.max_change_percent is not None:
        return rule.max_change_percent
    return DEFAULT_MAX_CHANGE_PERCENT


def _change(base: Decimal, new: Decimal) -> Decimal | None:
    """Change from `base` to `new` in percent; None when `base` is 0."""
    if base == 0:
        return None
    return (new - base) / abs(base) * 100


def warnings_for(
    *,
    value: Decimal,
    year: int,
    rule: ValidationRule | None,
    previous: Decimal | None = None,
    following: Decimal | None = None,
) -> list[ValueWarning]:
    """The warnings for one value, given its rule and the neighbouring years' values."""
    result = []
    shown = _number(value)
    if rule is not None and rule.min_value is not None and value < rule.min_value:
        result.append(ValueWarning("below_min", {"value": shown, "limit": _number(rule.min_value)}))
    if rule is not None and rule.max_value is not None and value > rule.max_value:
        result.append(ValueWarning("above_max", {"value": shown, "limit": _number(rule.max_value)}))
    allowed = allowed_change(rule)
    params = {"value": shown, "allowed": format_number(allowed)}
    if previous is not None:
        change = _change(previous, value)
        if change is None and value != 0:
            result.append(ValueWarning("from_zero", {**params, "year": str(year - 1)}))
        elif change is not None and abs(change) > allowed:
            result.append(
                ValueWarning(
                    "change_previous",
                    {
                        **params,
                        "change": _percent(change),
                        "other": _number(previous),
                        "year": str(year - 1),
                    },
                )
            )
    if following is not None:
        change = _change(value, following)
        if change is None and following != 0:
            result.append(
                ValueWarning(
                    "to_zero", {**params, "year": str(year + 1), "other": _number(following)}
                )
            )
        elif change is not None and abs(change) > allowed:
            result.append(
                ValueWarning(
                    "change_following",
                    {
                        **params,
                        "change": _percent(change),
                        "other": _number(following),
                        "year": str(year + 1),
                    },
                )
            )
    return result


def rules_by_indicator(indicator_ids: Iterable[int]) -> dict[int, ValidationRule]:
    ids = sorted(set(indicator_ids))
    rules = {}
    for start in range(0, len(ids), CHUNK):
        for rule in ValidationRule.objects.live().filter(
            indicator_id__in=ids[start : start + CHUNK]
        ):
            rules[rule.indicator_id] = rule
    return rules


def value_warnings(*, value: IndicatorValue) -> list[ValueWarning]:
    """Check one value against its rule and the stored values of the neighbouring years."""
    rule = rules_by_indicator([value.indicator_id]).get(value.indicator_id)
    neighbours = dict(
        IndicatorValue.objects.live()
        .filter(
            indicator_id=value.indicator_id,
            field_id=value.field_id,
            year__in=[value.year - 1, value.year + 1],
        )
        .exclude(pk=value.pk)
        .values_list("year", "value")
    )
    return warnings_for(
        value=value.value,
        year=value.year,
        rule=rule,
        previous=neighbours.get(value.year - 1),
        following=neighbours.get(value.year + 1),
    )


def values_warnings(items: dict[Key, Decimal]) -> dict[Key, list[ValueWarning]]:
    """Check many values at once (an import file): a handful of queries for any number.

    A neighbouring year's value comes from `items` itself when the file contains it (the file
    replaces the stored value), otherwise from the database.
    """
    if not items:
        return {}
    indicator_ids = sorted({key[0] for key in items})
    rules = rules_by_indicator(indicator_ids)
    years = [key[2] for key in items]
    stored: dict[Key, Decimal] = {}
    for start in range(0, len(indicator_ids), CHUNK):
        rows = (
            IndicatorValue.objects.live()
            .filter(
                indicator_id__in=indicator_ids[start : start + CHUNK],
                year__gte=min(years) - 1,
                year__lte=max(years) + 1,
            )
            .values_list("indicator_id", "field_id", "year", "value")
        )
        for indicator_id, field_id, year, number in rows:
            stored[(indicator_id, field_id, year)] = number
    known = {**stored, **items}
    result = {}
    for (indicator_id, field_id, year), number in items.items():
        found = warnings_for(
            value=number,
            year=year,
            rule=rules.get(indicator_id),
            previous=known.get((indicator_id, field_id, year - 1)),
            # A jump between two rows of the file is reported once, on the later row.
            following=None
            if (indicator_id, field_id, year + 1) in items
            else stored.get((indicator_id, field_id, year + 1)),
        )
        if found:
            result[(indicator_id, field_id, year)] = found
    return result
