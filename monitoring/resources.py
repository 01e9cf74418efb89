"""Import and export of activities, indicator values and actors (CSV/XLSX).

Export uses django-import-export `ModelResource`s (German column names, so that an exported file
can be edited and imported again). Import uses tuned resources: django-import-export's default
row-by-row path (one or more queries per row, plus one history insert per row) needs minutes for
10,000 rows, so each `*ImportResource` validates the whole file against lookups loaded once, diffs
against the existing rows in a handful of queries, and writes with `bulk_create`/`bulk_update`
(with history rows via django-simple-history's bulk helpers).

A resource never writes during validation; `apply()` runs inside the caller's transaction.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from import_export import resources, widgets
from import_export.fields import Field
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fields.models import Actor, Measure, SpecializationField, Theme
from ris_portal.spreadsheets import escape_formula

from .importing import (
    CellError,
    ImportFileError,
    Table,
    normalise_header,
    parse_date,
    parse_decimal,
    parse_int,
    split_list,
    text,
)
from .models import Activity, ImportBatch, Indicator, IndicatorValue, YearLock

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # German column name in files and templates (a file format, not translated)
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: object = ""


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
    changes: list[str] = field(default_factory=list)

    @property
    def label_text(self) -> str:
        return _(self.label[0]) % self.label[1] if self.label[0] else ""


@dataclass
class ImportPreview:
    kind: str
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
    """Accepts a choice by its value or its (German) label, case-insensitively."""

    def __init__(self, choices, label: str):
        self.choices = choices
        self.label = label
        self._map = None

    def __call__(self, cell) -> str:
        if self._map is None:  # built on first use, in the active language
            self._map = {}
            for value, display in self.choices:
                self._map[str(value).casefold()] = value
                self._map[str(display).casefold()] = value
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


class BaseImportResource:
    kind: str = ""
    model = None
    columns: tuple[Column, ...] = ()
    scalar_fields: tuple[str, ...] = ()  # model fields compared and written
    m2m_fields: tuple[str, ...] = ()

    def __init__(self, *, user=None):
        self.user = user

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
        result = ImportPreview(kind=self.kind)
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
            if not row.errors:
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
            else:
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

    def compare(self, row: RowResult) -> list[str]:
        obj = row.existing
        changes = []
        for name, new in row.values.items():
            old = getattr(obj, name)
            if not _same(old, new):
                label = str(self.model._meta.get_field(name).verbose_name)
                changes.append(f"{label}: {_fmt(old)} → {_fmt(new)}")
        for name, ids in row.m2m.items():
            if set(ids) != set(obj._m2m_ids.get(name, ())):
                changes.append(str(self.model._meta.get_field(name).verbose_name))
        return changes

    # --- writing ------------------------------------------------------------------------------
    def apply(self, preview: ImportPreview, batch: ImportBatch) -> dict:
        """Write the previewed rows (caller holds the transaction); returns the undo log."""
        now = timezone.now()
        new_rows = [row for row in preview.rows if row.action == "new"]
        changed_rows = [row for row in preview.rows if row.action == "changed"]
        created = [self.build(row, batch) for row in new_rows]
        created = bulk_create_with_history(
            created,
            self.model,
            batch_size=500,
            default_user=self.user,
            default_change_reason=(_("Import %(file)s") % {"file": batch.file_name})[:90],
            default_date=now,
        )
        undo_changed = {}
        updated = []
        fields_written = set()
        for row in changed_rows:
            obj = row.existing
            undo_changed[str(obj.pk)] = {
                **{
                    name: _json(getattr(obj, self._attname(name))) for name in self.undo_fields(row)
                },
                **{f"m2m:{name}": sorted(obj._m2m_ids.get(name, ())) for name in row.m2m},
            }
            for name, value in row.values.items():
                setattr(obj, name, value)
                fields_written.add(name)
            self.on_update(obj, row, batch)
            obj.version += 1
            obj.updated_at = now
            updated.append(obj)
        if updated:
            bulk_update_with_history(
                updated,
                self.model,
                sorted(fields_written | set(self.extra_update_fields) | {"version", "updated_at"}),
                batch_size=500,
                default_user=self.user,
                default_change_reason=(_("Import %(file)s") % {"file": batch.file_name})[:90],
                default_date=now,
            )
        self.write_m2m(
            [(obj, row.m2m) for obj, row in zip(created, new_rows, strict=True)]
            + [(row.existing, row.m2m) for row in changed_rows],
            replace={row.existing.pk for row in changed_rows},
        )
        versions = {str(obj.pk): obj.version for obj in [*created, *updated]}
        return {
            "created": [obj.pk for obj in created],
            "changed": undo_changed,
            "versions": versions,
        }

    extra_update_fields: tuple[str, ...] = ()

    def _attname(self, name: str) -> str:
        return self.model._meta.get_field(name).attname

    def undo_fields(self, row: RowResult) -> list[str]:
        return [*row.values, *self.extra_update_fields]

    def on_update(self, obj, row: RowResult, batch: ImportBatch) -> None:
        pass

    def build(self, row: RowResult, batch: ImportBatch):
        raise NotImplementedError

    def write_m2m(self, items, *, replace: set[int]) -> None:
        for name in self.m2m_fields:
            descriptor = self.model._meta.get_field(name)
            through = descriptor.remote_field.through
            source = descriptor.m2m_field_name() + "_id"
            target = descriptor.m2m_reverse_field_name() + "_id"
            touched = [obj.pk for obj, m2m in items if name in m2m and obj.pk in replace]
            for start in range(0, len(touched), CHUNK):
                through.objects.filter(**{f"{source}__in": touched[start : start + CHUNK]}).delete()
            links = [
                (obj.pk, other) for obj, m2m in items for other in sorted(set(m2m.get(name, ())))
            ]
            _insert_links(through, source, target, links)

    def rollback(self, batch: ImportBatch) -> None:
        """Archive the rows the batch created and restore the previous values of changed rows."""
        now = timezone.now()
        reason = (_("Import zurückgerollt: %(file)s") % {"file": batch.file_name})[:90]
        created = list(self.model.objects.filter(pk__in=batch.undo.get("created", [])))
        for obj in created:
            obj.is_archived = True
            obj.version += 1
            obj.updated_at = now
        if created:
            bulk_update_with_history(
                created,
                self.model,
                ["is_archived", "version", "updated_at"],
                batch_size=500,
                default_user=batch.rolled_back_by,
                default_change_reason=reason,
                default_date=now,
            )
        changed = batch.undo.get("changed", {})
        objs = list(self.model.objects.filter(pk__in=[int(pk) for pk in changed]))
        fields_written = set()
        m2m_items = []
        for obj in objs:
            old = changed[str(obj.pk)]
            m2m = {}
            for name, value in old.items():
                if name.startswith("m2m:"):
                    m2m[name[4:]] = value
                    continue
                setattr(obj, self.model._meta.get_field(name).attname, _unjson(value))
                fields_written.add(name)
            obj.version += 1
            obj.updated_at = now
            m2m_items.append((obj, m2m))
        if objs:
            bulk_update_with_history(
                objs,
                self.model,
                sorted(fields_written | {"version", "updated_at"}),
                batch_size=500,
                default_user=batch.rolled_back_by,
                default_change_reason=reason,
                default_date=now,
            )
            self.write_m2m(m2m_items, replace={obj.pk for obj in objs})

    def rollback_errors(self, batch: ImportBatch) -> list[str]:
        """Refuse when rows were edited after the import (their edits would be lost)."""
        versions = batch.undo.get("versions", {})
        edited = 0
        pks = [int(pk) for pk in versions]
        for start in range(0, len(pks), CHUNK):
            for pk, version in self.model.objects.filter(
                pk__in=pks[start : start + CHUNK]
            ).values_list("pk", "version"):
                if version != versions[str(pk)]:
                    edited += 1
        if edited:
            return [
                _(
                    "%(count)s Einträge aus diesem Import wurden danach bearbeitet. Ein "
                    "Zurückrollen würde diese Änderungen überschreiben und ist deshalb nicht "
                    "möglich."
                )
                % {"count": edited}
            ]
        return []


def _insert_links(through, source: str, target: str, links: list[tuple[int, int]]) -> None:
    """Insert many-to-many rows with executemany: 10× faster than building model instances."""
    if not links:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}, {}) VALUES (%s, %s)".format(
        quote(through._meta.db_table),
        quote(through._meta.get_field(source.removesuffix("_id")).column),
        quote(through._meta.get_field(target.removesuffix("_id")).column),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(links), 5000):
            cursor.executemany(sql, links[start : start + 5000])


def _json(value):
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if hasattr(value, "pk"):
        return value.pk
    return value


def _unjson(value):
    if isinstance(value, dict) and "decimal" in value:
        return Decimal(value["decimal"])
    if isinstance(value, dict) and "date" in value:
        return datetime.date.fromisoformat(value["date"])
    return value


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


# ==============================================================================================
# Activities
# ==============================================================================================
class ActivityImportResource(BaseImportResource):
    kind = ImportBatch.Kind.ACTIVITIES
    model = Activity
    columns = (
        Column("reference", "Kennung", True, ("ID", "Referenz"), "AKT-2025-001"),
        Column("kind", "Art", True, ("Typ",), "Veranstaltung"),
        Column("title", "Titel", True, ("Bezeichnung",), "Fachforum Wasserstoff"),
        Column("start_date", "Beginn", True, ("Start", "Datum", "Startdatum"), "15.03.2025"),
        Column("end_date", "Ende", False, ("Enddatum",), "15.03.2025"),
        Column("fields", "Felder", False, ("Feld", "Spezialisierungsfelder"), "NERV"),
        Column("themes", "Themen", False, ("Thema",), ""),
        Column("measure", "Maßnahme", False, ("Massnahme", "Maßnahme-ID"), ""),
        Column("actors", "Akteure", False, ("Akteur",), ""),
        Column("participants", "Teilnehmende", False, ("Teilnehmer",), "120"),
        Column("funding_amount", "Fördersumme", False, ("Fördersumme (EUR)",), "25.000,00"),
        Column("funding_source", "Förderquelle", False, (), "Land"),
        Column(
            "description", "Beschreibung", False, (), "Austausch von Wirtschaft und Wissenschaft"
        ),
    )
    m2m_fields = ("fields", "themes", "actors")

    def load_lookups(self) -> None:
        self.parse_kind = _Choices(Activity.Kind.choices, "Art")
        self.parse_source = _Choices(Activity.FundingSource.choices, "Förderquelle")
        self.fields_by_code = {
            code.casefold(): pk
            for pk, code in SpecializationField.objects.values_list("pk", "code")
        }
        self.themes_by_slug = {
            slug.casefold(): pk for pk, slug in Theme.objects.values_list("pk", "slug")
        }
        self.actors_by_name = {
            name.casefold(): pk
            for pk, name in Actor.objects.filter(is_archived=False).values_list("pk", "name")
        }
        self.measure_ids = set(Measure.objects.values_list("pk", flat=True))

    def clean(self, raw: dict, row: RowResult) -> None:
        reference = text(raw.get("reference"))
        row.key = reference.casefold()
        row.label = (gettext_noop("Kennung „%(ref)s“"), {"ref": reference})
        if not reference:
            row.errors.append(_("„Kennung“ fehlt."))
        elif len(reference) > 40:
            row.errors.append(_("Die Kennung ist länger als 40 Zeichen."))
        values = {"reference": reference}
        values["kind"] = self.cell(raw, row, "kind", self.parse_kind, required=True)
        title = text(raw.get("title"))
        if not title:
            row.errors.append(_("„Titel“ fehlt."))
        elif len(title) > 300:
            row.errors.append(_("Der Titel ist länger als 300 Zeichen."))
        values["title"] = title
        values["start_date"] = self.cell(raw, row, "start_date", parse_date, required=True)
        self._clean_dates_and_money(raw, row, values)
        if "description" in raw:
            values["description"] = text(raw.get("description"))
        if "measure" in raw:
            measure = self.cell(raw, row, "measure", parse_int)
            if measure is not None and measure not in self.measure_ids:
                row.errors.append(_("Unbekannte Maßnahme „%(id)s“.") % {"id": measure})
            values["measure_id"] = measure
        m2m = {}
        if "fields" in raw:
            m2m["fields"] = self._lookup(
                raw["fields"], self.fields_by_code, row, _("Unbekannter Feldcode „%(v)s“.")
            )
        if "themes" in raw:
            m2m["themes"] = self._lookup(
                raw["themes"], self.themes_by_slug, row, _("Unbekanntes Thema „%(v)s“.")
            )
        if "actors" in raw:
            m2m["actors"] = self._lookup(
                raw["actors"],
                self.actors_by_name,
                row,
                _("Unbekannter Akteur „%(v)s“ (bitte zuerst über den Akteursimport anlegen)."),
                separators="|;",
            )
        row.values, row.m2m = values, m2m

    def _clean_dates_and_money(self, raw: dict, row: RowResult, values: dict) -> None:
        if "end_date" in raw:
            values["end_date"] = self.cell(raw, row, "end_date", parse_date)
            if (
                values["end_date"]
                and values["start_date"]
                and (values["end_date"] < values["start_date"])
            ):
                row.errors.append(_("Das Ende liegt vor dem Beginn."))
        if "participants" in raw:
            participants = self.cell(raw, row, "participants", parse_int)
            if participants is not None and participants < 0:
                row.errors.append(_("„Teilnehmende“ darf nicht negativ sein."))
            values["participants"] = participants
        if "funding_amount" in raw:
            amount = self.cell(raw, row, "funding_amount", parse_decimal)
            if amount is not None:
                if amount < 0:
                    row.errors.append(_("„Fördersumme“ darf nicht negativ sein."))
                elif abs(amount) >= Decimal("1e12"):
                    row.errors.append(_("„Fördersumme“ ist zu groß."))
                else:
                    amount = amount.quantize(Decimal("0.01"))
            values["funding_amount"] = amount
        if "funding_source" in raw:
            values["funding_source"] = self.cell(raw, row, "funding_source", self.parse_source)

    @staticmethod
    def _lookup(cell, table, row, message, separators=",;|") -> list[int]:
        ids = []
        for item in split_list(cell, separators):
            pk = table.get(item.casefold())
            if pk is None:
                row.errors.append(message % {"v": item})
            else:
                ids.append(pk)
        return ids

    def load_existing(self, keys: list) -> dict:
        found = {}
        wanted = set(keys)
        if not wanted:
            return found
        # All active activities with a reference; cheaper than huge IN lists for big files.
        for obj in Activity.objects.filter(is_archived=False).exclude(reference=""):
            key = obj.reference.casefold()
            if key in wanted:
                found[key] = obj
        _load_m2m(Activity, found, self.m2m_fields)
        return found

    def build(self, row: RowResult, batch: ImportBatch):
        return Activity(**row.values, import_batch=batch)

    def compare(self, row: RowResult) -> list[str]:
        values = dict(row.values)
        if "measure_id" in values:
            measure = values.pop("measure_id")
            if measure != row.existing.measure_id:
                row.changes_measure = True
        row_values, row.values = row.values, values
        try:
            changes = super().compare(row)
        finally:
            row.values = row_values
        if getattr(row, "changes_measure", False):
            changes.append(str(Activity._meta.get_field("measure").verbose_name))
        return changes

    def undo_fields(self, row: RowResult) -> list[str]:
        return [("measure" if name == "measure_id" else name) for name in row.values]


# ==============================================================================================
# Indicator values
# ==============================================================================================
class IndicatorValueImportResource(BaseImportResource):
    kind = ImportBatch.Kind.INDICATOR_VALUES
    model = IndicatorValue
    columns = (
        Column("indicator", "Indikator", True, ("Indikatorcode", "Code"), "MON-RD-PROJECTS"),
        Column("field", "Feld", False, ("Feldcode", "Spezialisierungsfeld"), "IPS"),
        Column("year", "Jahr", True, ("Berichtsjahr",), "2025"),
        Column("value", "Wert", True, (), "123,5"),
        Column("status", "Status", False, (), "vorläufig"),
        Column("source_note", "Quelle", False, ("Quellenhinweis",), "TLS, Stand 03/2026"),
        Column("change_reason", "Begründung", False, ("Änderungsgrund",), ""),
    )
    extra_update_fields = ("change_reason", "import_batch")

    def load_lookups(self) -> None:
        self.parse_status = _Choices(IndicatorValue.Status.choices, "Status")
        self.indicators = {
            code.casefold(): pk
            for pk, code in Indicator.objects.filter(is_archived=False).values_list("pk", "code")
        }
        self.fields_by_code = {
            code.casefold(): pk
            for pk, code in SpecializationField.objects.values_list("pk", "code")
        }
        self.locked_years = set(YearLock.objects.values_list("year", flat=True))

    def clean(self, raw: dict, row: RowResult) -> None:
        code = text(raw.get("indicator"))
        indicator = self.indicators.get(code.casefold())
        if not code:
            row.errors.append(_("„Indikator“ fehlt."))
        elif indicator is None:
            row.errors.append(_("Unbekannter Indikatorcode „%(code)s“.") % {"code": code})
        field_code = text(raw.get("field"))
        field_id = None
        if field_code:
            field_id = self.fields_by_code.get(field_code.casefold())
            if field_id is None:
                row.errors.append(_("Unbekannter Feldcode „%(code)s“.") % {"code": field_code})
        year = self.cell(raw, row, "year", parse_int, required=True)
        if year is not None and not 1990 <= year <= 2100:
            row.errors.append(
                _("Das Jahr %(year)s liegt nicht zwischen 1990 und 2100.") % {"year": year}
            )
        elif year in self.locked_years:
            row.errors.append(
                _(
                    "Das Jahr %(year)s ist gesperrt, weil sein Monitoringbericht veröffentlicht "
                    "ist; seine Werte können nicht mehr geändert werden."
                )
                % {"year": year}
            )
        value = self.cell(raw, row, "value", parse_decimal, required=True)
        if value is not None and abs(value) >= Decimal("1e14"):
            row.errors.append(_("„Wert“ ist zu groß."))
        values = {"indicator_id": indicator, "field_id": field_id, "year": year, "value": value}
        if "status" in raw:
            values["status"] = (
                self.cell(raw, row, "status", self.parse_status)
                or IndicatorValue.Status.PROVISIONAL
            )
        if "source_note" in raw:
            note = text(raw.get("source_note"))
            if len(note) > 300:
                row.errors.append(_("„Quelle“ ist länger als 300 Zeichen."))
            values["source_note"] = note
        row.reason = text(raw.get("change_reason"))
        row.key = (indicator, field_id, year)
        row.label = (
            gettext_noop("Der Wert %(code)s/%(field)s/%(year)s"),
            {"code": code, "field": field_code or "TH", "year": year},
        )
        row.values = values

    def check(self, row: RowResult) -> None:
        obj = row.existing
        if row.action == "changed":
            value_changed = not _same(obj.value, row.values["value"])
            if obj.status == IndicatorValue.Status.FINAL and value_changed and not row.reason:
                row.errors.append(
                    _(
                        "Der Wert ist endgültig; eine Änderung braucht eine Begründung "
                        "(Spalte „Begründung“)."
                    )
                )

    def load_existing(self, keys: list) -> dict:
        indicator_ids = {key[0] for key in keys}
        found = {}
        wanted = set(keys)
        for obj in IndicatorValue.objects.filter(is_archived=False, indicator_id__in=indicator_ids):
            key = (obj.indicator_id, obj.field_id, obj.year)
            if key in wanted:
                found[key] = obj
        return found

    def compare(self, row: RowResult) -> list[str]:
        values = dict(row.values)
        for name in ("indicator_id", "field_id", "year"):
            values.pop(name)
        original, row.values = row.values, values
        try:
            return super().compare(row)
        finally:
            row.values = original

    def build(self, row: RowResult, batch: ImportBatch):
        return IndicatorValue(**row.values, change_reason=row.reason, import_batch=batch)

    def on_update(self, obj, row: RowResult, batch: ImportBatch) -> None:
        obj.change_reason = row.reason
        obj.import_batch = batch

    def undo_fields(self, row: RowResult) -> list[str]:
        names = [n for n in row.values if n not in ("indicator_id", "field_id", "year")]
        return [*names, "change_reason", "import_batch"]

    def rollback_errors(self, batch: ImportBatch) -> list[str]:
        errors = super().rollback_errors(batch)
        years = set(
            IndicatorValue.objects.filter(
                Q(pk__in=batch.undo.get("created", []))
                | Q(pk__in=[int(pk) for pk in batch.undo.get("changed", {})])
            ).values_list("year", flat=True)
        )
        locked = sorted(years & set(YearLock.objects.values_list("year", flat=True)))
        if locked:
            errors.append(
                _(
                    "Der Import enthält Werte gesperrter Jahre (%(years)s) und kann nicht mehr "
                    "zurückgerollt werden."
                )
                % {"years": ", ".join(map(str, locked))}
            )
        return errors


# ==============================================================================================
# Actors
# ==============================================================================================
class ActorImportResource(BaseImportResource):
    kind = ImportBatch.Kind.ACTORS
    model = Actor
    columns = (
        Column("name", "Name", True, ("Akteur", "Organisation"), "Beispiel GmbH"),
        Column("kind", "Art", True, ("Typ",), "Unternehmen"),
        Column("city", "Ort", False, ("Stadt",), "Jena"),
        Column("postcode", "PLZ", False, ("Postleitzahl",), "07743"),
        Column("website", "Website", False, ("Webseite", "URL"), "https://www.example.org"),
        Column("fields", "Felder", False, ("Feld",), "IPS"),
        Column("description", "Beschreibung", False, (), ""),
    )
    m2m_fields = ("fields",)
    extra_update_fields = ("is_archived",)

    def load_lookups(self) -> None:
        self.parse_kind = _Choices(Actor.Kind.choices, "Art")
        self.fields_by_code = {
            code.casefold(): pk
            for pk, code in SpecializationField.objects.values_list("pk", "code")
        }

    def clean(self, raw: dict, row: RowResult) -> None:
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        name = text(raw.get("name"))
        row.key = name.casefold()
        row.label = (gettext_noop("Der Akteur „%(name)s“"), {"name": name})
        if not name:
            row.errors.append(_("„Name“ fehlt."))
        elif len(name) > 250:
            row.errors.append(_("Der Name ist länger als 250 Zeichen."))
        values = {"name": name}
        values["kind"] = self.cell(raw, row, "kind", self.parse_kind, required=True)
        for key, limit in (("city", 120), ("postcode", 10), ("description", None)):
            if key in raw:
                values[key] = text(raw.get(key))
                if limit and len(values[key]) > limit:
                    row.errors.append(
                        _("„%(column)s“ ist länger als %(limit)s Zeichen.")
                        % {"column": self.header(key), "limit": limit}
                    )
        if "website" in raw:
            website = text(raw.get("website"))
            if website and "://" not in website:
                website = "https://" + website
            if website:
                try:
                    URLValidator(schemes=["http", "https"])(website)
                except ValidationError:
                    row.errors.append(
                        _("„%(value)s“ ist keine gültige Web-Adresse.") % {"value": website}
                    )
            values["website"] = website
        m2m = {}
        if "fields" in raw:
            m2m["fields"] = ActivityImportResource._lookup(
                raw["fields"], self.fields_by_code, row, _("Unbekannter Feldcode „%(v)s“.")
            )
        row.values, row.m2m = values, m2m

    def load_existing(self, keys: list) -> dict:
        wanted = set(keys)
        found = {obj.name.casefold(): obj for obj in Actor.objects.all()}
        found = {key: obj for key, obj in found.items() if key in wanted}
        _load_m2m(Actor, found, self.m2m_fields)
        return found

    def compare(self, row: RowResult) -> list[str]:
        changes = super().compare(row)
        if row.existing.is_archived:
            changes.append(_("wieder aktiv"))
        return changes

    def on_update(self, obj, row: RowResult, batch: ImportBatch) -> None:
        obj.is_archived = False

    def build(self, row: RowResult, batch: ImportBatch):
        return Actor(**row.values)


IMPORT_RESOURCES = {
    ImportBatch.Kind.ACTIVITIES: ActivityImportResource,
    ImportBatch.Kind.INDICATOR_VALUES: IndicatorValueImportResource,
    ImportBatch.Kind.ACTORS: ActorImportResource,
}


# ==============================================================================================
# Export (django-import-export resources; German column names match the import)
# ==============================================================================================
class RawWidget(widgets.Widget):
    """Keeps numbers and dates typed, so that CSV gets German formats and XLSX real cells."""

    def render(self, value, obj=None, **kwargs):
        return value


RAW = RawWidget()


def _join(items) -> str:
    return ", ".join(items)


class ActivityExportResource(resources.Resource):
    reference = Field(attribute="reference", column_name="Kennung")
    kind = Field(column_name="Art")
    title = Field(attribute="title", column_name="Titel")
    start_date = Field(attribute="start_date", column_name="Beginn", widget=RAW)
    end_date = Field(attribute="end_date", column_name="Ende", widget=RAW)
    fields_ = Field(column_name="Felder")
    themes = Field(column_name="Themen")
    measure = Field(attribute="measure_id", column_name="Maßnahme", widget=RAW)
    actors = Field(column_name="Akteure")
    participants = Field(attribute="participants", column_name="Teilnehmende", widget=RAW)
    funding_amount = Field(attribute="funding_amount", column_name="Fördersumme", widget=RAW)
    funding_source = Field(column_name="Förderquelle")
    description = Field(attribute="description", column_name="Beschreibung")
    origin = Field(column_name="Herkunft")

    def get_export_order(self):
        return tuple(self.fields)

    def dehydrate_kind(self, obj):
        return obj.get_kind_display()

    def dehydrate_fields_(self, obj):
        return _join(f.code for f in obj.fields.all())

    def dehydrate_themes(self, obj):
        return _join(t.slug for t in obj.themes.all())

    def dehydrate_actors(self, obj):
        return " | ".join(a.name for a in obj.actors.all())

    def dehydrate_funding_source(self, obj):
        return obj.get_funding_source_display()

    def dehydrate_origin(self, obj):
        if obj.import_batch_id:
            return _("Import vom %(date)s") % {
                "date": timezone.localtime(obj.import_batch.created_at).strftime("%d.%m.%Y")
            }
        return _("erfasst")


class IndicatorValueExportResource(resources.Resource):
    indicator = Field(column_name="Indikator")
    field_ = Field(column_name="Feld")
    year = Field(attribute="year", column_name="Jahr", widget=RAW)
    value = Field(attribute="value", column_name="Wert", widget=RAW)
    status = Field(column_name="Status")
    source_note = Field(attribute="source_note", column_name="Quelle")

    def get_export_order(self):
        return tuple(self.fields)

    def dehydrate_indicator(self, obj):
        return obj.indicator.code

    def dehydrate_field_(self, obj):
        return obj.field.code if obj.field_id else ""

    def dehydrate_status(self, obj):
        return obj.get_status_display()


# --- writing files ----------------------------------------------------------------------------
def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(escape_formula(str(value)))


def dataset_to_csv(dataset) -> bytes:
    """CSV as German Excel opens it directly: UTF-8 with BOM, `;`, decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_formula(h) for h in dataset.headers])
    for row in dataset:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def dataset_to_xlsx(dataset, title: str = "Daten") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(dataset.headers))
    for row in dataset:
        cells = []
        for value in row:
            if isinstance(value, Decimal):
                value = float(value)
            cells.append(escape_formula(value) if isinstance(value, str) else value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_dataset(kind: str):
    resource = IMPORT_RESOURCES[kind]
    dataset = tablib.Dataset(headers=[c.header for c in resource.columns])
    dataset.append([c.example for c in resource.columns])
    return dataset
