from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import FeedbackMessage
from .roles import GROUP_MINISTRY, GROUP_STAFF, GROUP_STATISTICS


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackMessage
        fields = ["name", "email", "page_url", "message"]
        labels = {
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse (freiwillig, für eine Antwort)"),
            "page_url": _("Betroffene Seite oder Funktion (freiwillig)"),
            "message": _("Beschreibung der Barriere"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


ROLE_GROUP_CHOICES = [
    ("", _("keine (nur Gremienmitgliedschaft)")),
    (GROUP_STAFF, _("ThCM-Geschäftsstelle")),
    (GROUP_MINISTRY, _("Ministerium")),
    (GROUP_STATISTICS, _("Statistisches Landesamt")),
]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    group = forms.ChoiceField(
        label=_("Rolle"),
        choices=ROLE_GROUP_CHOICES,
        required=False,
        help_text=_("Mitgliedschaften in Gremien legen Sie beim Gremium an."),
    )

    def group_names(self) -> tuple[str, ...]:
        name = self.cleaned_data.get("group")
        if name:
            Group.objects.get_or_create(name=name)
            return (name,)
        return ()


class LoginForm(AllauthLoginForm):
    """allauth's login form without the "forgotten password" link as the password's help text.

    As help text the link sat between the label "Passwort" and its field (and was read out as
    the field's description); the login page shows it after the field instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


# --- form fields shared by the apps' forms ---------------------------------------------------


class RadioChoiceField(forms.ChoiceField):
    """A choice shown as radio buttons (few options, all visible at once)."""

    widget = forms.RadioSelect


class TextareaField(forms.CharField):
    """Free text in a textarea of `rows` lines."""

    def __init__(self, *, rows: int, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)
