from django import forms
from django.utils.translation import gettext_lazy as _

from ris_portal.forms import RadioChoiceField

from .models import Kind, NotificationSettings


class NotificationSettingsForm(forms.Form):
    delivery = RadioChoiceField(
        label=_("E-Mails zu Benachrichtigungen"), choices=NotificationSettings.Delivery.choices
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
