"""Readable history for every `HistoricalRecords` model, and restoring an earlier version.

django-simple-history stores a full snapshot per save (who via its request middleware, when,
what). Here we turn consecutive snapshots into field changes with labels and a word-level diff.
Restoring copies the content fields of a snapshot back onto the object through the normal
versioned save, so the restore itself becomes a new history entry (nothing is lost); workflow
fields (status, decision dates) are never restored, and views add their domain checks.
Many-to-many fields are shown but not restored: they may point at rows that no longer exist.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .concurrency import save_versioned

# Bookkeeping fields that are not shown as changes.
IGNORED_FIELDS = {"version", "updated_at", "created_at", "id"}


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    # The values are portal content in German (texts, names of related rows), not words of the
    # UI (choices, yes/no), numbers or dates: an English page marks them lang="de".
    german: bool = False

    @property
    def diff_html(self) -> SafeString:
        return word_diff(self.old, self.new)


class RelatedLabels:
    """Names of related rows for a set of history entries: one query per related model.

    A history page shows many foreign-key and many-to-many changes; resolving each value on its
    own costs a query per value (N+1). Collect all ids first, then load them with `in_bulk`.
    """

    def __init__(self) -> None:
        self._wanted: dict[Any, set] = {}
        self._names: dict[tuple[Any, object], str] = {}

    def want(self, model, field_name: str, value) -> None:
        field = _field(model, field_name)
        if field is None or value in (None, ""):
            return
        if isinstance(field, models.ForeignKey):
            self._wanted.setdefault(field.related_model, set()).add(value)
        elif isinstance(field, models.ManyToManyField):
            self._wanted.setdefault(field.related_model, set()).update(_m2m_ids(field, value))

    def load(self) -> None:
        for related_model, ids in self._wanted.items():
            for pk, obj in related_model._base_manager.in_bulk(list(ids)).items():
                self._names[(related_model, pk)] = str(obj)
        self._wanted = {}

    def name(self, related_model, pk) -> str:
        return self._names.get((related_model, pk), f"#{pk}")


def _field(model, field_name: str):
    try:
        return model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - m2m through snapshots use other names
        return None


def _m2m_ids(field, value) -> list:
    # simple-history gives the through rows as dicts: {"theme": 9, "developmentpotential": 1}.
    target_key = field.m2m_reverse_field_name()
    return [item[target_key] if isinstance(item, dict) else item for item in value]


def _display(model, field_name: str, value, labels: RelatedLabels) -> str:
    if value is None or value == "":
        return "—"
    field = _field(model, field_name)
    if field is None:
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nein")
    if isinstance(field, models.ForeignKey):
        return labels.name(field.related_model, value)
    if isinstance(field, models.ManyToManyField):
        names = [labels.name(field.related_model, pk) for pk in _m2m_ids(field, value)]
        return ", ".join(sorted(names)) or "—"
    if isinstance(value, Decimal):
        return _decimal(value)
    shown = getattr(model, "HISTORY_DISPLAY", {}).get(field_name)
    if shown is not None:  # the model knows how people read this field (e.g. a JSON list)
        return str(shown(value))
    return str(value)


def _decimal(value: Decimal) -> str:
    """425.1000 (four stored decimal places) as people write it: "425,1" in German."""
    if not value.is_finite():
        return str(value)
    exact = value.normalize()
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))  # 1E+3 → 1000
    return number_format(exact, use_l10n=True)


# Text fields whose values are addresses or identifiers rather than German words.
_NOT_GERMAN_TEXT = (models.EmailField, models.URLField, models.SlugField)


def _is_german_content(model, field_name: str) -> bool:
    field = _field(model, field_name)
    if field is None or getattr(field, "choices", None) or isinstance(field, _NOT_GERMAN_TEXT):
        return False
    if field_name.endswith("_en"):  # the English variant of a name
        return False
    if isinstance(field, (models.ForeignKey, models.ManyToManyField)):
        # People's and organisations' names are proper names.
        related = field.related_model
        return related is not get_user_model() and not getattr(related, "NAME_IS_PROPER", False)
    return isinstance(field, (models.CharField, models.TextField))


def _label(model, field_name: str) -> str:
    field = _field(model, field_name)
    return str(field.verbose_name) if field is not None else field_name


def _m2m_snapshots(records) -> dict[str, dict[int, list[dict]]]:
    """Many-to-many rows of each history record: one query per many-to-many field.

    simple-history's `diff_against` queries the rows of both records for every pair, which
    makes a history page cost two queries per entry and field; we load them for the page.
    """
    records = [r for r in records if r is not None]
    if not records:
        return {}
    ids = [r.history_id for r in records]
    snapshots = {}
    for field in records[0]._history_m2m_fields:
        through = getattr(records[0], field.name).model
        names = [
            f.name
            for f in through._meta.fields
            if f.editable and f.name not in ("id", "m2m_history_id", "history")
        ]
        rows: dict[int, list[dict]] = {history_id: [] for history_id in ids}
        queryset = through.objects.filter(history__in=ids)
        for row in queryset.order_by(field.m2m_reverse_field_name()).values("history", *names):
            rows[row.pop("history")].append(row)
        snapshots[field.name] = rows
    return snapshots


def _raw_changes(record, previous, m2m) -> list[tuple[str, object, object]]:
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=list(m2m))
    changes = [(c.field, c.old, c.new) for c in delta.changes if c.field not in IGNORED_FIELDS]
    for name, rows in m2m.items():
        if rows[previous.history_id] != rows[record.history_id]:
            changes.append((name, rows[previous.history_id], rows[record.history_id]))
    return changes


def _render(model, raw, labels: RelatedLabels) -> list[FieldChange]:
    return [
        FieldChange(
            field=name,
            label=_label(model, name),
            old=_display(model, name, old, labels),
            new=_display(model, name, new, labels),
            german=_is_german_content(model, name),
        )
        for name, old, new in raw
    ]


def _render_all(model, raw_lists) -> list[list[FieldChange]]:
    """Render several lists of raw changes, resolving all related names in one go."""
    labels = RelatedLabels()
    for raw in raw_lists:
        for name, old, new in raw:
            labels.want(model, name, old)
            labels.want(model, name, new)
    labels.load()
    return [_render(model, raw, labels) for raw in raw_lists]


def record_changes(record, previous) -> list[FieldChange]:
    """Changes between two historical records of the same object (previous may be None)."""
    model = record.instance_type
    raw = _raw_changes(record, previous, _m2m_snapshots([record, previous]))
    return _render_all(model, [raw])[0]


def snapshot_of_version(obj, version: int):
    """The last history record of `obj` at `version` (what a user loaded), or None."""
    history = getattr(obj, "history", None)
    if history is None:
        return None
    return history.filter(version=version).order_by("-history_date", "-history_id").first()


def m2m_ids_of_record(record, field_name: str) -> list | None:
    """Target ids of a many-to-many field in a history record (None: not tracked)."""
    for field in getattr(record, "_history_m2m_fields", ()):
        if field.name == field_name:
            rows = _m2m_snapshots([record])[field.name][record.history_id]
            return _m2m_ids(field, rows)
    return None


def display_values(model, values: list[tuple[str, object]]) -> list[str]:
    """Readable text of raw field values (ids of related rows, choice keys), in one go."""
    labels = RelatedLabels()
    for name, value in values:
        labels.want(model, name, value)
    labels.load()
    return [_display(model, name, value, labels) for name, value in values]


def changes_between(current, since_version: int) -> list[FieldChange]:
    """What changed on `current` after the user loaded `since_version`."""
    history = current.history.order_by("-history_date", "-history_id")
    base = snapshot_of_version(current, since_version)
    latest = history.first()
    if base is None or latest is None or base.pk == latest.pk:
        return []
    return record_changes(latest, base)


def word_diff(old: str, new: str) -> SafeString:
    """Word-level diff as HTML with <del>/<ins> (screen readers announce both)."""
    a, b = old.split(" "), new.split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<del class="ris-diff-del">{escape(" ".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<ins class="ris-diff-ins">{escape(" ".join(b[j1:j2]))}</ins>')
    return mark_safe(" ".join(out))  # noqa: S308 - every piece is escaped above


@dataclass
class HistoryEntry:
    record: Any
    changes: list[FieldChange]

    @property
    def is_creation(self) -> bool:
        return self.record.history_type == "+"


HISTORY_PAGE_SIZE = 20


def _entries(model, records: list, older) -> list[HistoryEntry]:
    """Entries for `records` (newest first); `older` is the record before the last one."""
    previous = [*records[1:], older]
    m2m = _m2m_snapshots([*records, older])
    raw = [_raw_changes(record, prev, m2m) for record, prev in zip(records, previous, strict=True)]
    rendered = _render_all(model, raw)
    return [
        HistoryEntry(record, changes) for record, changes in zip(records, rendered, strict=True)
    ]


def _records(obj):
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def history_entries(obj) -> list[HistoryEntry]:
    """All entries, newest first; each with its changes against the previous snapshot."""
    records = list(_records(obj))
    return _entries(type(obj), records, None)


def history_page(obj, page_number) -> tuple[Page, list[HistoryEntry]]:
    """One page of entries (newest first), with a constant number of queries per page."""
    queryset = _records(obj)
    page = Paginator(queryset, HISTORY_PAGE_SIZE).get_page(page_number)
    records = list(page.object_list)
    # The oldest entry of this page is compared with the newest of the next page.
    older = None
    if page.has_next():
        older = next(iter(queryset[page.end_index() : page.end_index() + 1]), None)
    return page, _entries(type(obj), records, older)


def not_restored_fields(model) -> set[str]:
    """Fields a restore never copies back: bookkeeping, and the model's workflow fields.

    Models list their workflow state (status, decision dates, numbering, import links) in
    `HISTORY_NOT_RESTORED`: a status changes only through its service (submit, approve,
    publish), so an old snapshot cannot bring back an approval or undo one.
    """
    return IGNORED_FIELDS | set(getattr(model, "HISTORY_NOT_RESTORED", ()))


def _restored_fields(obj):
    skip = not_restored_fields(type(obj))
    return [f for f in obj._meta.concrete_fields if not f.primary_key and f.name not in skip]


def restore_changes(obj, record) -> list[FieldChange]:
    """What restoring `record` would change on `obj` (shown on the confirmation page)."""
    model = type(obj)
    raw = [
        (field.name, getattr(obj, field.attname), getattr(record, field.attname))
        for field in _restored_fields(obj)
        if getattr(obj, field.attname) != getattr(record, field.attname)
    ]
    return _render_all(model, [raw])[0]


def restore_version(obj, *, history_id: int, expected_version: int, check=None) -> object:
    """Copy the content fields of an earlier snapshot back onto `obj` (a new history entry).

    `check(obj, record)` may raise ValidationError (e.g. the roadmap is approved, the year is
    locked); it runs inside the transaction, before anything is changed.
    """
    record = obj.history.get(history_id=history_id)
    with transaction.atomic():
        if check is not None:
            check(obj, record)
        for field in _restored_fields(obj):
            setattr(obj, field.attname, getattr(record, field.attname))
        obj.full_clean()
        return save_versioned(
            obj,
            expected_version=expected_version,
            change_reason=_("Wiederhergestellt: Stand vom %(date)s")
            % {"date": timezone.localtime(record.history_date).strftime("%d.%m.%Y %H:%M")},
        )
