"""The import engine: columns, row results, the preview and the base import resource.

This module reads a file into a preview (nothing is written); `writing.ImportWriter`, the base
resource's other half, writes the previewed rows and rolls a batch back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext as _

from ..importing import CellError, ImportFileError, Table, normalise_header, split_list, text
from .writing import CHUNK, ImportWriter


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # German column name in files and templates (a file format, not translated)
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: object = ""


class ShownValue(str):
    """One value of a preview row as text, "Label: value" or "Label: old → new", with its parts
    for the page: the label is in the UI's language, the values are German content when
    `german` (texts, titles of related rows; not choices, codes, numbers, dates or proper
    names), which an English page marks lang="de"."""

    label: str
    value: str
    old: str | None
    german: bool

    def __new__(cls, label: str, value: str, *, old: str | None = None, german: bool = False):
        shown = f"{label}: {value}" if old is None else f"{label}: {old} → {value}"
        item = super().__new__(cls, shown)
        item.label, item.value, item.old, item.german = label, value, old, german
        return item


@dataclass
class RowResult:
    line: int
    key: object = None
    label: tuple = ("", {})  # (German message, arguments): translated only when shown
    action: str = ""  # "new", "changed", "unchanged" or "error"
    values: dict = field(default_factory=dict)
    m2m: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing: object = None
    changes: list[ShownValue] = field(default_factory=list)
    shown_values: list[ShownValue] = field(default_factory=list)  # the values of a new row
    kept: list[str] = field(default_factory=list)  # empty cells that keep the stored value
    # Plausibility warnings (`monitoring.validation.ValueWarning`): not errors, but the import
    # needs a reason for them (the row's own or one for the whole file).
    warnings: list = field(default_factory=list)
    reason: str = ""
    saved: object = None  # the written row, after `apply()`

    @property
    def label_text(self) -> str:
        return _(self.label[0]) % self.label[1] if self.label[0] else ""


@dataclass
class ImportPreview:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in ("new", "changed", "unchanged", "error")}

    @property
    def warning_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.warnings and not row.errors]

    @property
    def unconfirmed_warning_rows(self) -> list[RowResult]:
        """Rows with warnings but without a reason of their own (column "Begründung")."""
        return [row for row in self.warning_rows if not row.reason]

    @property
    def error_messages(self) -> list[str]:
        messages = list(self.file_errors)
        for row in self.rows:
            messages += [
                _("Zeile %(line)s: %(error)s") % {"line": row.line, "error": e} for e in row.errors
            ]
        return messages


def _fmt(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is None and new is None
        return Decimal(old) == Decimal(new)
    return (
        (old or "") == (new or "") if isinstance(old, str) or isinstance(new, str) else old == new
    )


class _Choices:
    """Accepts a choice by its value or its label in any language of the portal, case-insensitively.

    The import templates are German ("vorläufig"), but an export made with the UI in English
    says "provisional": both are accepted whatever language the UI shows, so a file means the
    same to every user, and a preview reopened in another language validates the same.
    """

    def __init__(self, choices, label: str):
        self.choices = choices
        self.label = label
        self._map: dict[str, object] | None = None

    def __call__(self, cell) -> str:
        if self._map is None:
            self._map = {}
            for value, display in self.choices:
                self._map[str(value).casefold()] = value
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        self._map.setdefault(str(display).casefold(), value)
        raw = text(cell)
        if not raw:
            return ""
        value = self._map.get(raw.casefold())
        if value is None:
            allowed = ", ".join(str(display) for _v, display in self.choices)
            raise CellError(
                _("„%(value)s“ ist keine gültige Angabe für %(label)s (erlaubt: %(allowed)s).")
                % {"value": raw, "label": self.label, "allowed": allowed}
            )
        return value


class BaseImportResource(ImportWriter):
    model = None
    columns: tuple[Column, ...] = ()
    scalar_fields: tuple[str, ...] = ()  # model fields compared and written
    m2m_fields: tuple[str, ...] = ()
    # The fields that identify a row: never left out for an empty cell (no field = Thüringen).
    key_fields: tuple[str, ...] = ()
    # The fields whose values are German content (see `ShownValue`).
    german_fields: tuple[str, ...] = ()

    def __init__(self, *, user=None):
        self.user = user
        # Names for the ids in the preview, per model field: {field name: {pk: label}}; filled
        # by `load_lookups` from the reference data it loads anyway (no query per row).
        self.related_names: dict[str, dict] = {}

    # --- reading ------------------------------------------------------------------------------
    def map_columns(self, header: list[str]) -> tuple[dict[str, int], list[str]]:
        by_name = {}
        for column in self.columns:
            for name in (column.header, column.key, *column.aliases):
                by_name[normalise_header(name)] = column
        mapping: dict[str, int] = {}
        ignored = []
        for index, name in enumerate(header):
            column = by_name.get(normalise_header(name))
            if column is None:
                if name:
                    ignored.append(name)
                continue
            if column.key in mapping:
                raise ImportFileError(
                    _("Die Spalte „%(name)s“ kommt mehrfach vor.") % {"name": column.header}
                )
            mapping[column.key] = index
        missing = [c.header for c in self.columns if c.required and c.key not in mapping]
        if missing:
            raise ImportFileError(
                _(
                    "Falsche Kopfzeile: Es fehlen die Spalten %(missing)s. Gefunden wurden: "
                    "%(found)s. Bitte verwenden Sie die Vorlage."
                )
                % {
                    "missing": ", ".join(f"„{m}“" for m in missing),
                    "found": ", ".join(f"„{h}“" for h in header if h) or "—",
                }
            )
        return mapping, ignored

    def preview(self, table: Table) -> ImportPreview:
        result = ImportPreview()
        try:
            mapping, result.ignored_columns = self.map_columns(table.header)
        except ImportFileError as error:
            result.file_errors.append(str(error))
            return result
        self.load_lookups()
        seen: dict[object, int] = {}
        for line, cells in table.rows:
            row = RowResult(line=line)
            raw = {
                key: (cells[index] if index < len(cells) else None)
                for key, index in mapping.items()
            }
            self.clean(raw, row)
            # Duplicates are checked for every row whose key could be read, also when this or
            # the earlier row has other errors: otherwise the duplicate only shows up after
            # those errors are fixed, one upload later.
            if row.key not in (None, ""):
                if row.key in seen:
                    row.errors.append(
                        _("%(label)s kommt in der Datei mehrfach vor (zuerst in Zeile %(line)s).")
                        % {"label": _(row.label[0]) % row.label[1], "line": seen[row.key]}
                    )
                else:
                    seen[row.key] = line
            result.rows.append(row)
        valid = [row for row in result.rows if not row.errors]
        existing = self.load_existing([row.key for row in valid])
        for row in valid:
            row.existing = existing.get(row.key)
            if row.existing is None:
                row.action = "new"
                row.shown_values = self.values_display(row)
            else:
                self.keep_for_empty_cells(row)
                row.changes = self.compare(row)
                row.action = "changed" if row.changes else "unchanged"
            self.check(row)
        for row in result.rows:
            if row.errors:
                row.action = "error"
        return result

    def load_lookups(self) -> None:
        """Load the reference data once (fields, indicators, …)."""

    def clean(self, raw: dict, row: RowResult) -> None:
        raise NotImplementedError

    def check(self, row: RowResult) -> None:
        """Rules that need the existing row (e.g. locked years, reasons for final values)."""

    def load_existing(self, keys: list) -> dict:
        raise NotImplementedError

    def cell(self, raw, row, key, parser, *, required=False, label=""):
        try:
            value = parser(raw.get(key))
        except CellError as error:
            row.errors.append(f"{label or self.header(key)}: {error}")
            return None
        if required and value in (None, ""):
            row.errors.append(_("„%(column)s“ fehlt.") % {"column": label or self.header(key)})
        return value

    def header(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    @staticmethod
    def required_text(raw, row, key: str, limit: int, missing: str, too_long: str) -> str:
        """A text cell that must be filled and at most `limit` characters long."""
        value = text(raw.get(key))
        if not value:
            row.errors.append(missing)
        elif len(value) > limit:
            row.errors.append(too_long)
        return value

    @staticmethod
    def _lookup(cell, table, row, message, separators=",;|") -> list[int]:
        """The ids of the names in a list cell; `message` for each unknown name."""
        ids = []
        for item in split_list(cell, separators):
            pk = table.get(item.casefold())
            if pk is None:
                row.errors.append(message % {"v": item})
            else:
                ids.append(pk)
        return ids

    def keep_for_empty_cells(self, row: RowResult) -> None:
        """An empty cell keeps what is stored: it means "no information", not "delete".

        Without this an optional column left empty (or a list of links) silently cleared the
        stored value of every existing row. Only the identifying fields are always written.
        To clear a value, people edit the entry in the portal.
        """
        for name in list(row.values):
            if name not in self.key_fields and row.values[name] in (None, ""):
                del row.values[name]
                row.kept.append(name)
        for name in list(row.m2m):
            if not row.m2m[name]:
                del row.m2m[name]
                row.kept.append(name)

    def display_value(self, name: str, value) -> str:
        """A value as people know it: choice labels and names, not internal codes or ids."""
        if value is None or value == "":
            return "—"
        try:
            model_field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return _fmt(value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.is_relation:
            names = self.related_names.get(model_field.name, {})
            if model_field.many_to_many:
                return ", ".join(sorted(str(names.get(pk, pk)) for pk in value)) or "—"
            return str(names.get(value, value))
        return _fmt(value)

    def label(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)

    def values_display(self, row: RowResult) -> list[ShownValue]:
        """What a new row will contain, as "Label: value" (the parsed values, not the cells).

        The key and the title are left out: the preview's "Eintrag" column shows them already.
        """
        return [
            ShownValue(
                self.label(name),
                self.display_value(name, value),
                german=name in self.german_fields,
            )
            for name, value in [*row.values.items(), *row.m2m.items()]
            if value not in (None, "", []) and name not in (*self.key_fields, "title")
        ]

    def compare(self, row: RowResult) -> list[ShownValue]:
        obj = row.existing
        changes = []
        for name, new in row.values.items():
            old = getattr(obj, name)
            if not _same(old, new):
                changes.append(
                    ShownValue(
                        self.label(name),
                        self.display_value(name, new),
                        old=self.display_value(name, old),
                        german=name in self.german_fields,
                    )
                )
        for name, ids in row.m2m.items():
            old_ids = set(obj._m2m_ids.get(name, ()))
            if set(ids) != old_ids:
                changes.append(
                    ShownValue(
                        self.label(name),
                        self.display_value(name, ids),
                        old=self.display_value(name, old_ids),
                        german=name in self.german_fields,
                    )
                )
        return changes


def _load_m2m(model, objs: dict, names) -> None:
    for obj in objs.values():
        obj._m2m_ids = {name: set() for name in names}
    pks = [obj.pk for obj in objs.values()]
    by_pk = {obj.pk: obj for obj in objs.values()}
    for name in names:
        descriptor = model._meta.get_field(name)
        through = descriptor.remote_field.through
        source = descriptor.m2m_field_name() + "_id"
        target = descriptor.m2m_reverse_field_name() + "_id"
        for start in range(0, len(pks), CHUNK):
            for pk, other in through.objects.filter(
                **{f"{source}__in": pks[start : start + CHUNK]}
            ).values_list(source, target):
                by_pk[pk]._m2m_ids[name].add(other)
