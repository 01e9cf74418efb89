"""Writes of the monitoring app: imports, activities, indicator values, year locks."""

from __future__ import annotations

import hashlib
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ris_portal.concurrency import save_versioned

from . import validation
from .importing import ImportFileError, read_table
from .models import Activity, ImportBatch, IndicatorValue, QualityConfirmation, YearLock
from .resources import IMPORT_RESOURCES, ImportPreview


# --- imports ----------------------------------------------------------------------------------
def import_preview(*, kind: str, file_name: str, content: bytes, user=None) -> ImportPreview:
    """Validate a file without writing anything: new/changed/unchanged rows and German errors."""
    resource = IMPORT_RESOURCES[kind](user=user)
    try:
        table = read_table(content, file_name)
    except ImportFileError as error:
        return ImportPreview(file_errors=[str(error)])
    return resource.preview(table)


def import_batch_create(
    *, kind: str, file_name: str, content: bytes, user
) -> tuple[ImportBatch | None, ImportPreview]:
    """Upload step: validate; if the file is importable keep it as a batch in preview state."""
    preview = import_preview(kind=kind, file_name=file_name, content=content, user=user)
    if not preview.is_valid:
        return None, preview
    counts = preview.counts
    batch = ImportBatch(
        kind=kind,
        file_name=file_name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        created_by=user,
        new_count=counts["new"],
        changed_count=counts["changed"],
        unchanged_count=counts["unchanged"],
    )
    batch.full_clean(exclude=["content"])
    batch.save()
    return batch, preview


def _locked(batch: ImportBatch, status: str, message: str) -> ImportBatch:
    """The batch locked for this transaction; `message` if it is no longer in `status`."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != status:
        raise ValidationError(message)
    return batch


def import_batch_confirm(*, batch: ImportBatch, user, quality_reason: str = "") -> ImportBatch:
    """Import a previewed batch in one transaction: all rows or none.

    The file is validated again against the current data (it may have changed since the
    preview); on any error nothing is written and `ValidationError` lists the row errors.
    Rows with plausibility warnings need a reason: their own (column "Begründung") or
    `quality_reason` for the whole file; each confirmation is stored with the value.
    """
    with transaction.atomic():
        batch = _locked(
            batch,
            ImportBatch.Status.PREVIEW,
            _("Dieser Import wurde bereits ausgeführt oder verworfen."),
        )
        preview = import_preview(
            kind=batch.kind, file_name=batch.file_name, content=bytes(batch.content), user=user
        )
        if not preview.is_valid:
            raise ValidationError(preview.error_messages)
        unconfirmed = preview.unconfirmed_warning_rows
        if unconfirmed and not quality_reason.strip():
            raise ValidationError(
                ngettext(
                    "%(count)s Zeile löst eine Plausibilitätswarnung aus. Bitte prüfen Sie die "
                    "Werte und begründen Sie sie, bevor Sie den Import bestätigen.",
                    "%(count)s Zeilen lösen Plausibilitätswarnungen aus. Bitte prüfen Sie die "
                    "Werte und begründen Sie sie, bevor Sie den Import bestätigen.",
                    len(unconfirmed),
                )
                % {"count": len(unconfirmed)},
                code="plausibility",
            )
        resource = IMPORT_RESOURCES[batch.kind](user=user)
        batch.undo = resource.apply(preview, batch)
        counts = preview.counts
        batch.new_count = counts["new"]
        batch.changed_count = counts["changed"]
        batch.unchanged_count = counts["unchanged"]
        batch.status = ImportBatch.Status.IMPORTED
        batch.imported_at = timezone.now()
        batch.save()
        for row in preview.warning_rows:
            quality_confirmation_create(
                value=cast(IndicatorValue, row.saved),  # warning rows are indicator values
                warnings=row.warnings,
                reason=row.reason or quality_reason,
                user=user,
                source=QualityConfirmation.Source.IMPORT,
                batch=batch,
            )
    return batch


def import_batch_rollback(*, batch: ImportBatch, user) -> ImportBatch:
    """Undo an import: rows it created are archived, rows it changed get their old values."""
    with transaction.atomic():
        batch = _locked(
            batch,
            ImportBatch.Status.IMPORTED,
            _("Nur ausgeführte Importe können zurückgerollt werden."),
        )
        later = ImportBatch.objects.filter(
            kind=batch.kind, status=ImportBatch.Status.IMPORTED, imported_at__gt=batch.imported_at
        ).exists()
        if later:
            raise ValidationError(
                _(
                    "Nach diesem Import wurden weitere Dateien derselben Art importiert. Bitte "
                    "rollen Sie zuerst die späteren Importe zurück."
                )
            )
        resource = IMPORT_RESOURCES[batch.kind](user=user)
        errors = resource.rollback_errors(batch)
        if errors:
            raise ValidationError(errors)
        batch.status = ImportBatch.Status.ROLLED_BACK
        batch.rolled_back_at = timezone.now()
        batch.rolled_back_by = user
        resource.rollback(batch)
        batch.save()
    return batch


def import_batch_discard(*, batch: ImportBatch, user) -> None:
    """Drop a preview that will not be imported (nothing was written yet)."""
    with transaction.atomic():
        _locked(
            batch, ImportBatch.Status.PREVIEW, _("Nur Vorschauen können verworfen werden.")
        ).delete()


# --- activities -------------------------------------------------------------------------------
def activity_archive(*, activity: Activity, expected_version: int) -> Activity:
    activity.is_archived = True
    with transaction.atomic():
        return save_versioned(
            activity, expected_version=expected_version, change_reason=_("archiviert")
        )


# --- indicator values -------------------------------------------------------------------------
def _check_year_open(year: int) -> None:
    lock = YearLock.objects.filter(year=year).first()
    if lock is not None:
        raise ValidationError(lock.refusal())


def indicator_value_ensure_restorable(*, value: IndicatorValue, record=None) -> None:
    """Restoring an earlier stand is an edit: refused when its year (now or then) is locked."""
    _check_year_open(value.year)
    if record is not None:
        _check_year_open(record.year)


class PlausibilityError(ValidationError):
    """The value raised plausibility warnings that nobody confirmed (with a reason) yet.

    `warnings` are the findings, `fingerprint` identifies them: pass it back as
    `confirmed_fingerprint` together with a reason to confirm exactly these warnings.
    """

    def __init__(self, warnings: list[validation.ValueWarning]):
        self.warnings = warnings
        self.fingerprint = validation.fingerprint(warnings)
        super().__init__([w.message for w in warnings], code="plausibility")


def _needs_check(value: IndicatorValue, stored: IndicatorValue | None) -> bool:
    """New values, changed numbers or scopes, and values becoming final are checked."""
    if stored is None:
        return True
    return (
        stored.value != value.value
        or stored.year != value.year
        or stored.field_id != value.field_id
        or stored.indicator_id != value.indicator_id
        or (stored.status != value.status and value.status == IndicatorValue.Status.FINAL)
    )


def indicator_value_save(
    *,
    value: IndicatorValue,
    expected_version: int | None = None,
    reason: str = "",
    quality_reason: str = "",
    confirmed_fingerprint: str | None = None,
    user=None,
    source: str = QualityConfirmation.Source.FORM,
) -> IndicatorValue:
    """Create or change a value; final values need a reason, locked years refuse changes.

    Plausibility (`monitoring.validation`): a value that raises warnings is saved only with a
    `quality_reason`; if `confirmed_fingerprint` is given it must match the current warnings
    (the user confirms what they saw, not what a changed value raises now). Otherwise
    `PlausibilityError` carries the warnings. The confirmation is stored with the value.
    """
    with transaction.atomic():
        _check_year_open(value.year)
        stored = None
        if value.pk:
            stored = IndicatorValue.objects.select_for_update().get(pk=value.pk)
            _check_year_open(stored.year)
            changed = stored.value != value.value or stored.year != value.year
            if stored.status == IndicatorValue.Status.FINAL and changed and not reason.strip():
                raise ValidationError(
                    {
                        "change_reason": _(
                            "Der Wert ist endgültig. Bitte begründen Sie die Änderung."
                        )
                    }
                )
        value.change_reason = reason.strip()
        value.full_clean()
        warnings = validation.value_warnings(value=value) if _needs_check(value, stored) else []
        if warnings:
            unconfirmed = not quality_reason.strip() or (
                confirmed_fingerprint is not None
                and confirmed_fingerprint != validation.fingerprint(warnings)
            )
            if unconfirmed:
                raise PlausibilityError(warnings)
        if stored is not None:
            value = save_versioned(
                value,
                expected_version=expected_version or 0,
                change_reason=(reason.strip() or quality_reason.strip())[:100],
            )
        else:
            if warnings:
                value._change_reason = quality_reason.strip()[:100]  # type: ignore[attr-defined]
            value.save()
        if warnings:
            quality_confirmation_create(
                value=value, warnings=warnings, reason=quality_reason, user=user, source=source
            )
        return value


def quality_confirmation_create(
    *,
    value: IndicatorValue,
    warnings: list[validation.ValueWarning],
    reason: str,
    user=None,
    source: str,
    batch: ImportBatch | None = None,
) -> QualityConfirmation:
    """Record that `user` confirmed the warnings of `value` with `reason` (the audit trail)."""
    confirmation = QualityConfirmation(
        value=value,
        checked_value=value.value,
        warnings=[w.as_json() for w in warnings],
        reason=reason.strip(),
        source=source,
        import_batch=batch,
        confirmed_by=user if getattr(user, "pk", None) else None,
    )
    confirmation.full_clean()
    confirmation.save()
    return confirmation


def indicator_values_lock_year(
    *, year: int, user, note: str = "", cause: str = YearLock.Cause.MANUAL
) -> YearLock:
    """Lock a year's indicator values: by hand, or as its annual report is published.

    Idempotent: locking an already locked year returns the existing lock; publishing the report
    of a year locked by hand records the publication as the cause.
    """
    with transaction.atomic():
        lock, created = YearLock.objects.select_for_update().get_or_create(
            year=year, defaults={"locked_by": user, "note": note[:300], "cause": cause}
        )
        if not created and cause == YearLock.Cause.REPORT and lock.cause != cause:
            lock.cause = cause
            lock.save(update_fields=["cause"])
    return lock
