"""Readable history for every `HistoricalRecords` model, and restoring an earlier version.

django-simple-history stores a full snapshot per save (who via its request middleware, when,
what). Here we turn consecutive snapshots into field changes with labels and a word-level diff.
Restoring copies the concrete fields of a snapshot back onto the object through the normal
versioned save, so the restore itself becomes a new history entry (nothing is lost).
Many-to-many fields are shown but not restored: they may point at rows that no longer exist.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Bookkeeping fields that are not shown as changes.
IGNORED_FIELDS = {"version", "updated_at", "created_at", "id"}


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    @property
    def diff_html(self) -> SafeString:
        return word_diff(self.old, self.new)


def _display(model, field_name: str, value) -> str:
    if value is None or value == "":
        return "—"
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - m2m through snapshots use other names
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("ja") if value else _("nein")
    if isinstance(field, models.ForeignKey):
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(field, models.ManyToManyField):
        # simple-history gives the through rows as dicts: {"theme": 9, "developmentpotential": 1}.
        target_key = field.m2m_reverse_field_name()
        ids = [item[target_key] if isinstance(item, dict) else item for item in value]
        names = [str(obj) for obj in field.related_model.objects.filter(pk__in=ids)]
        return ", ".join(sorted(names)) or "—"
    return str(value)


def record_changes(record, previous) -> list[FieldChange]:
    """Changes between two historical records of the same object (previous may be None)."""
    model = record.instance_type
    if previous is None:
        return []
    delta = record.diff_against(previous)
    changes = []
    for change in delta.changes:
        if change.field in IGNORED_FIELDS:
            continue
        try:
            label = str(model._meta.get_field(change.field).verbose_name)
        except Exception:  # noqa: BLE001
            label = change.field
        changes.append(
            FieldChange(
                field=change.field,
                label=label,
                old=_display(model, change.field, change.old),
                new=_display(model, change.field, change.new),
            )
        )
    return changes


def changes_between(current, since_version: int) -> list[FieldChange]:
    """What changed on `current` after the user loaded `since_version`."""
    history = current.history.order_by("-history_date", "-history_id")
    base = history.filter(version=since_version).first()
    latest = history.first()
    if base is None or latest is None or base.pk == latest.pk:
        return []
    return record_changes(latest, base)


def word_diff(old: str, new: str) -> SafeString:
    """Word-level diff as HTML with <del>/<ins> (screen readers announce both)."""
    a, b = old.split(" "), new.split(" ")
    out = []
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
    record: object
    changes: list[FieldChange]

    @property
    def is_creation(self) -> bool:
        return self.record.history_type == "+"


def history_entries(obj, limit: int | None = None) -> list[HistoryEntry]:
    """Newest first; each entry with its changes against the previous snapshot."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        entries.append(HistoryEntry(record, record_changes(record, previous)))
    return entries[:limit] if limit else entries


def restore_version(obj, *, history_id: int, expected_version: int) -> object:
    """Copy the concrete fields of an earlier snapshot back onto `obj` (a new history entry)."""
    from .concurrency import save_versioned

    record = obj.history.get(history_id=history_id)
    with transaction.atomic():
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.name in IGNORED_FIELDS:
                continue
            setattr(obj, field.attname, getattr(record, field.attname))
        obj.full_clean()
        return save_versioned(
            obj,
            expected_version=expected_version,
            change_reason=_("Wiederhergestellt: Stand vom %(date)s")
            % {"date": timezone.localtime(record.history_date).strftime("%d.%m.%Y %H:%M")},
        )
