"""No lost updates: optimistic locking on `VersionedModel` rows.

Every edit form carries the `version` the user loaded. Saving locks the row, compares the
version and refuses the save when someone else saved in between; the error carries what changed
meanwhile (from the history) so the user can re-apply their edit consciously.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .history import FieldChange, changes_between


class ConcurrentEditError(Exception):
    def __init__(self, current, changes: list[FieldChange]):
        self.current = current
        self.changes = changes
        super().__init__(f"{type(current).__name__} {current.pk} was changed meanwhile")


def save_versioned(obj, *, expected_version: int, change_reason: str = "") -> object:
    """Save `obj` if its row still has `expected_version`; bump the version.

    Must run inside a transaction (the row lock lasts until commit); raises
    `ConcurrentEditError` when the stored version differs.
    """
    model = type(obj)
    with transaction.atomic():
        # SELECT … FOR UPDATE: a concurrent save waits here and then sees the new version.
        current = model.objects.select_for_update().get(pk=obj.pk)
        if current.version != expected_version:
            raise ConcurrentEditError(current, changes_between(current, expected_version))
        obj.version = current.version + 1
        if change_reason:
            obj._change_reason = change_reason
        obj.save()
    return obj


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class VersionedModelForm(forms.ModelForm):
    """ModelForm that carries the loaded version in a hidden field."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            self.fields["version"].required = False


CONFLICT_MESSAGE = _(
    "Ihre Änderungen wurden nicht gespeichert: Jemand anderes hat diesen Eintrag inzwischen "
    "geändert. Unten sehen Sie, was sich geändert hat. Bitte prüfen Sie die aktuellen Werte "
    "und übernehmen Sie Ihre Änderungen erneut."
)


class VersionedUpdateMixin:
    """For UpdateViews over a `VersionedModelForm`: save through `save_versioned`.

    On a conflict the form is re-rendered with a non-field error and `conflict_changes` in the
    context; the user's input is kept, the hidden version is moved to the current one.
    """

    change_reason = ""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                obj = form.save(commit=False)
                save_versioned(
                    obj,
                    expected_version=form.cleaned_data["version"],
                    change_reason=self.change_reason,
                )
                form.save_m2m()
        except ConcurrentEditError as conflict:
            form.add_error(None, CONFLICT_MESSAGE)
            data = form.data.copy()
            data["version"] = conflict.current.version
            form.data = data
            return self.render_to_response(
                self.get_context_data(form=form, conflict_changes=conflict.changes)
            )
        self.object = obj
        return self.on_saved(obj)

    def on_saved(self, obj):
        from django.http import HttpResponseRedirect

        return HttpResponseRedirect(self.get_success_url())
