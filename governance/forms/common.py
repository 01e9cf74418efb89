"""Widgets and the cancellation confirmation shared by the governance forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ris_portal.editing import ConfirmForm
from ris_portal.forms import TextareaField

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CancelForm(ConfirmForm):
    """Confirmation of a cancellation, with the reason that the people concerned will read."""

    reason_help = ""
    reason = TextareaField(label=_("Grund der Absage"), max_length=1000, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = self.reason_help
