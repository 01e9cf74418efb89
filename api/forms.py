from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ris_portal.roles import GROUP_MINISTRY, GROUP_STAFF, GROUP_STATISTICS

from .models import ApiToken


def token_holder_candidates():
    """Active people of the roles that may hold a token (the service checks the roles again)."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[GROUP_STAFF, GROUP_MINISTRY, GROUP_STATISTICS])
            | Q(is_superuser=True),
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.email or obj.username})" if name else obj.email or obj.username


class TokenForm(forms.Form):
    user = UserChoiceField(
        label=_("Person"),
        queryset=token_holder_candidates(),
        help_text=_(
            "Das Token liest mit den Rechten dieser Person (Geschäftsstelle, Ministerium oder "
            "Statistisches Landesamt)."
        ),
    )
    name = forms.CharField(label=_("Bezeichnung"), max_length=120)
    scopes = forms.MultipleChoiceField(
        label=_("Berechtigungen"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Ohne Berechtigung liest das Token nur öffentliche Daten (mit höherem Anfragelimit)."
        ),
    )
    expires_on = forms.DateField(
        label=_("gültig bis (freiwillig)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = token_holder_candidates()

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError(_("Das Ablaufdatum muss in der Zukunft liegen."))
        return day

    def expires_at(self):
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        # Valid through the whole day given.
        end = timezone.datetime.combine(day, timezone.datetime.max.time())
        return timezone.make_aware(end)
