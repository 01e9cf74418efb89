from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind, NotificationSettings


class NotificationSettingsForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("E-Mails zu Benachrichtigungen"),
        choices=NotificationSettings.Delivery.choices,
        widget=forms.RadioSelect,
    )
    email_kinds = forms.MultipleChoiceField(
        label=_("Diese Arten erhalte ich per E-Mail"),
        help_text=_(
            "Abgewählte Arten erscheinen weiterhin unter „Meine Aufgaben“, aber ohne E-Mail."
        ),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
