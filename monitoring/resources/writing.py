"""Writing an import: the previewed rows into the database, and rolling a batch back.

`ImportWriter` is the half of `BaseImportResource` that writes (see `engine` for the half that
reads a file into a preview). Rows are written in bulk with their history records, and the
batch keeps an undo log (the previous values of every changed row, the ids of the created
ones) from which `rollback` restores the state before the import; the caller holds the
transaction, so an import is all or nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ris_portal.snapshots import m2m_history_write

from ..models import ImportBatch

if TYPE_CHECKING:
    from .engine import ImportPreview, RowResult

# Ids per `IN (...)` query: stays below the parameter limits of SQLite and PostgreSQL.
CHUNK = 2000


class ImportWriter:
    """Writes and rolls back the rows of an import; mixed into `BaseImportResource`."""

    model: Any = None
    m2m_fields: tuple[str, ...] = ()
    # Fields `on_update` sets besides the file's values: written, and restored by a rollback.
    extra_update_fields: tuple[str, ...] = ()
    user: Any = None

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
        for obj, row in zip(created, new_rows, strict=True):
            row.saved = obj
        for row in changed_rows:
            row.saved = row.existing
        self.write_m2m_history([obj.pk for obj in [*created, *updated]], at=now)
        versions = {str(obj.pk): obj.version for obj in [*created, *updated]}
        return {
            "created": [obj.pk for obj in created],
            "changed": undo_changed,
            "versions": versions,
        }

    def _attname(self, name: str) -> str:
        return self.model._meta.get_field(name).attname

    def undo_fields(self, row: RowResult) -> list[str]:
        return [*row.values, *self.extra_update_fields]

    def on_update(self, obj, row: RowResult, batch: ImportBatch) -> None:
        """Hook: set what a changed row needs besides its file values (e.g. the batch that
        last wrote it; name such fields in `extra_update_fields`). Default: nothing."""

    def build(self, row: RowResult, batch: ImportBatch):
        """Hook: the unsaved model instance for a new row (every import kind defines it)."""
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

    def write_m2m_history(self, pks: list[int], *, at) -> None:
        """Snapshot the tracked many-to-many links into the history records written `at`.

        The rows got their history records from `bulk_*_with_history`, which (unlike `save()`)
        records no many-to-many links, and the links themselves are written with raw SQL; a
        report as of a Stichtag reads the links from these records.
        """
        if not pks or not self.m2m_fields:
            return
        history = self.model.history.model
        history_ids = {}
        for start in range(0, len(pks), CHUNK):
            history_ids.update(
                history.objects.filter(id__in=pks[start : start + CHUNK], history_date=at)
                .values("id")
                .annotate(last=Max("history_id"))
                .values_list("id", "last")
            )
        m2m_history_write(self.model, history_ids, self.m2m_fields)

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
        self.write_m2m_history([obj.pk for obj in [*created, *objs]], at=now)

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
