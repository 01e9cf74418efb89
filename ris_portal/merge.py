"""After a refused save: the current stored values with the user's own changes merged in.

A save is refused (`ConcurrentEditError`) when someone else saved the row after the user loaded
it. Showing the user's stale form again would be a trap: one more click on "Speichern" would
write back the old values of every field the user never touched. So the form is rebuilt:

- every field starts from the CURRENT stored value;
- a field the user changed (their value differs from the version they loaded, read from the
  history) gets the user's value again, unless someone else changed it meanwhile too;
- a field both changed, to different values, is a collision: it shows the stored value and an
  error with both values, so nothing is overwritten without the user seeing it.

The rebuilt form carries the current version: it can be saved once the user has seen it, while
the stale form (the old version) is refused again, however often it is sent.

Works with ModelForms of the row's model (also with many-to-many fields) and with plain forms
that list the fields they edit on the row in `merge_fields`; other fields (a change reason, a
decision, a confirmation tick box) keep what the user entered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .history import (
    FieldChange,
    changes_between,
    display_values,
    m2m_ids_of_record,
    snapshot_of_version,
)

CONFLICT_MESSAGE = gettext_lazy(
    "Ihre Änderungen wurden noch nicht gespeichert: Jemand anderes hat diesen Eintrag "
    "inzwischen geändert. Das Formular zeigt jetzt den aktuellen Stand mit Ihren eigenen "
    "Änderungen; Felder, die Sie beide unterschiedlich geändert haben, sind markiert. Bitte "
    "prüfen Sie die Werte und speichern Sie erneut."
)

_UNKNOWN = object()


@dataclass
class Collision:
    """A field both people changed, to different values."""

    field: str
    label: str
    mine: str
    theirs: str


@dataclass
class Merge:
    """What the conflict partial (`edit/fragment_conflict.html`) shows."""

    changes: list[FieldChange] = field(default_factory=list)  # what changed meanwhile
    reapplied: list[str] = field(default_factory=list)  # labels of the user's changes kept
    collisions: list[Collision] = field(default_factory=list)

    def __bool__(self) -> bool:  # `{% if conflict %}` in templates
        return True


def merge_form(form: forms.BaseForm, *, current: models.Model, loaded_version: int) -> Merge:
    """Rebind the valid, refused `form` to `current` plus the user's own changes.

    `form` must have been validated (its `cleaned_data` holds what the user submitted). After the
    call it is bound to the merged data with `version` = the current version, validated again,
    carries the conflict message and an error on each colliding field.
    """
    model = type(current)
    record = snapshot_of_version(current, loaded_version)
    data = _mutable(form.data)
    merge = Merge(changes=changes_between(current, loaded_version) if record else [])
    pending: list[tuple[str, forms.Field, models.Field, Any, Any]] = []
    mergeable = _mergeable(form, model)
    for name, form_field in form.fields.items():
        model_field = _model_field(model, name) if name in mergeable else None
        if model_field is None or name not in form.cleaned_data:
            continue  # not stored on the row: keep what the user entered
        mine = form.cleaned_data[name]
        theirs = _current_value(current, model_field)
        base = _record_value(record, model_field)
        user_changed = base is _UNKNOWN or not _same(form_field, mine, base)
        if not user_changed:
            _set_data(data, form, name, form_field, theirs)
        elif _same(form_field, mine, theirs):
            continue  # both arrived at the same value
        elif base is not _UNKNOWN and _same(form_field, theirs, base):
            merge.reapplied.append(str(form_field.label or name))
        else:
            pending.append((name, form_field, model_field, mine, theirs))
            _set_data(data, form, name, form_field, theirs)
    merge.collisions = _collisions(model, pending)
    data[form.add_prefix("version")] = str(getattr(current, "version", ""))
    _rebind(form, data, current)
    form.add_error(None, CONFLICT_MESSAGE)
    for collision in merge.collisions:
        form.add_error(
            collision.field,
            _(
                "Auch inzwischen geändert. Gespeichert ist jetzt: „%(theirs)s“. Ihre Eingabe "
                "war: „%(mine)s“. Das Feld zeigt den gespeicherten Wert; tragen Sie Ihre "
                "Eingabe erneut ein, wenn sie gelten soll."
            )
            % {"theirs": collision.theirs, "mine": collision.mine},
        )
    return merge


# --- values -----------------------------------------------------------------------------------


def _mergeable(form: forms.BaseForm, model: type[models.Model]) -> set[str]:
    """Names of the form fields that edit a field of the row (`version` never)."""
    if isinstance(form, forms.BaseModelForm) and form._meta.model is model:
        names = set(form.fields)
    else:
        names = set(getattr(form, "merge_fields", ()))
    return names - {"version"}


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: a form-only field
        return None
    if not isinstance(model_field, models.Field):
        return None  # a reverse relation or generic key: not edited in a form
    if isinstance(model_field, models.FileField) or not getattr(model_field, "editable", False):
        return None  # an upload cannot be put back into a form
    if model_field.auto_created or not (model_field.concrete or model_field.many_to_many):
        return None
    return model_field


def _current_value(current: models.Model, model_field: models.Field) -> Any:
    if model_field.many_to_many:
        return list(getattr(current, model_field.name).values_list("pk", flat=True))
    return getattr(current, model_field.attname)


def _record_value(record: Any, model_field: models.Field) -> Any:
    """The field's value in the version the user loaded (`_UNKNOWN` without history)."""
    if record is None:
        return _UNKNOWN
    if model_field.many_to_many:
        ids = m2m_ids_of_record(record, model_field.name)
        return _UNKNOWN if ids is None else ids
    return getattr(record, model_field.attname, _UNKNOWN)


def _plain(value: Any) -> Any:
    """Comparable form of a value: ids for rows, sets for many, text without CR or padding."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):  # a JSON record (e.g. one key figure of a field)
        return tuple(sorted((key, _plain(item)) for key, item in value.items()))
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return tuple(_plain(item) for item in value)  # JSON records: their order counts
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return frozenset(_plain(item) for item in value)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    return None if value == "" else value


def _shown(form_field: forms.Field, value: Any) -> Any:
    """The value as the form displays it (a time without seconds, a localised number)."""
    widget = form_field.widget
    if isinstance(widget, forms.CheckboxInput):
        return bool(value)
    prepared = form_field.prepare_value(value)
    if getattr(widget, "allow_multiple_selected", False):
        return frozenset(str(_plain(item)) for item in prepared or ())
    shown = widget.format_value(prepared)
    if isinstance(shown, list):
        shown = tuple(item for item in shown if item not in ("", None))
    return _plain(shown) or None


def _same(form_field: forms.Field, a: Any, b: Any) -> bool:
    if _plain(a) == _plain(b):
        return True
    try:
        return _shown(form_field, a) == _shown(form_field, b)
    except (TypeError, ValueError, AttributeError):
        return False


def _collisions(model: type[models.Model], pending: list[tuple]) -> list[Collision]:
    raw: list[tuple[str, object]] = []
    for _name, _form_field, model_field, mine, theirs in pending:
        raw += [(model_field.name, _raw(mine)), (model_field.name, _raw(theirs))]
    shown = display_values(model, raw)
    return [
        Collision(
            field=name,
            label=str(form_field.label or name),
            mine=shown[2 * index],
            theirs=shown[2 * index + 1],
        )
        for index, (name, form_field, _model_field, _mine, _theirs) in enumerate(pending)
    ]


def _raw(value: Any) -> Any:
    """A cleaned form value as the history stores it (ids, not rows)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [_raw(item) for item in value]
    return value


# --- form data --------------------------------------------------------------------------------


def _mutable(data: Any) -> QueryDict:
    if isinstance(data, QueryDict):
        return data.copy()
    merged = QueryDict(mutable=True)
    for key, value in dict(data).items():
        if isinstance(value, list | tuple):
            merged.setlist(key, [str(item) for item in value])
        else:
            merged[key] = value
    return merged


def _set_data(
    data: QueryDict, form: forms.BaseForm, name: str, form_field: forms.Field, value: Any
) -> None:
    """Put a stored value into the submitted data, as the field's widget would send it."""
    key = form.add_prefix(name)
    widget = form_field.widget
    prepared = form_field.prepare_value(value)
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif getattr(widget, "allow_multiple_selected", False):
        data.setlist(key, [str(_plain(item)) for item in _iterable(prepared)])
    else:
        shown = widget.format_value(prepared)
        if isinstance(shown, list):
            shown = shown[0] if shown else ""
        data[key] = "" if shown is None else str(shown)


def _iterable(value: Any) -> Iterable:
    return value if isinstance(value, list | tuple | set | frozenset) else (value or ())


def _rebind(form: forms.BaseForm, data: QueryDict, current: models.Model) -> None:
    """Bind `form` to the merged data and validate it against a copy of the current row."""
    form.data = data
    if isinstance(form, forms.BaseModelForm):
        # A fresh instance: validating assigns the merged values to it, never to `current`.
        form.instance = type(current)._default_manager.get(pk=current.pk)
    form._errors = None  # type: ignore[attr-defined]  # forget the first validation
    form.full_clean()
