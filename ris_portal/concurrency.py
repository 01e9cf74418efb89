"""No lost updates: optimistic locking on `VersionedModel` rows.

Every edit form carries the `version` the user loaded. Saving locks the row, compares the
version and refuses the save when someone else saved in between. What the user sees then (the
current values with their own changes merged in) is `ris_portal.merge`; the views that show it
are in `ris_portal.editing`. This module knows nothing of either (and nothing of the history),
so services can use it without pulling in views.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import models, transaction

from .models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class ConcurrentEditError(Exception):
    """The row was saved by someone else after the user loaded `expected_version`."""

    def __init__(self, current: models.Model, expected_version: int | None = None):
        self.current = current
        self.expected_version = expected_version
        super().__init__(f"{type(current).__name__} {current.pk} was changed meanwhile")


def save_versioned(obj: M, *, expected_version: int | None, change_reason: str = "") -> M:
    """Save `obj` if its row still has `expected_version`; bump the version.

    A missing version (None: a form without the token) never matches.

    Must run inside a transaction (the row lock lasts until commit); raises
    `ConcurrentEditError` when the stored version differs.
    """
    model = type(obj)
    with transaction.atomic():
        # SELECT … FOR UPDATE: a concurrent save waits here and then sees the new version.
        current = model._default_manager.select_for_update().get(pk=obj.pk)
        if current.version != expected_version:
            raise ConcurrentEditError(current, expected_version)
        obj.version = current.version + 1
        if change_reason:
            obj._change_reason = change_reason  # type: ignore[attr-defined]  # simple-history
        obj.save()
    return obj


def ensure_version(obj: VersionedModel, expected_version: int | None) -> None:
    """Refuse an action on `obj` (not a save of it) when the user saw an older version."""
    if obj.version != expected_version:
        raise ConcurrentEditError(obj, expected_version)


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


def values_of(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned model values of a form, without the bookkeeping `version` (for a service)."""
    return {key: value for key, value in form.cleaned_data.items() if key != "version"}


class VersionedModelForm(forms.ModelForm):
    """ModelForm that carries the loaded version in a hidden field."""

    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            self.fields["version"].required = False
