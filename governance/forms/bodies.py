"""Forms for bodies and their members (staff): add, correct and end a membership."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fields.models import Actor
from ris_portal.concurrency import VersionedModelForm
from ris_portal.editing import ConfirmForm

from .. import models, services
from .common import DATE_WIDGET


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Actor.objects.live(), required=False
    )
    sector = forms.ChoiceField(label=_("Bereich"), choices=models.Membership.Sector.choices)
    role = forms.ChoiceField(
        label=_("Funktion"),
        choices=models.Membership.Role.choices,
        initial=models.Membership.Role.MEMBER,
    )
    term = forms.CharField(label=_("Amtszeit"), max_length=20, required=False)
    start = forms.DateField(label=_("Beginn"), required=False, widget=DATE_WIDGET)
    public_consent = forms.BooleanField(
        label=_("Die Person hat in die öffentliche Nennung eingewilligt"), required=False
    )


class BodyForm(VersionedModelForm):
    """Staff keep a body's public description, its current term and its quorum rule up to date
    (kind, field and the address of its page stay as set up)."""

    class Meta:
        model = models.Body
        fields = ["name", "description", "current_term", "quorum_percent", "quorum_minimum"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def clean_quorum_minimum(self):
        # Optional in the form, a number in the table: no minimum is a minimum of 0.
        return self.cleaned_data.get("quorum_minimum") or 0


class MembershipForm(VersionedModelForm):
    """Staff correct a membership: the person and the body stay; the end can be corrected
    (or removed, when it was set by mistake) here, "Beenden" is the guided way to set it."""

    class Meta:
        model = models.Membership
        fields = ["organisation", "sector", "role", "term", "start", "end", "public_consent"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}
        labels = {
            "role": _("Funktion"),
            "end": _("Letzter Tag der Mitgliedschaft"),
            "public_consent": _("Die Person hat in die öffentliche Nennung eingewilligt"),
        }
        help_texts = {
            "end": _("Leer, solange die Mitgliedschaft läuft."),
            "public_consent": _(
                "Ohne Einwilligung erscheint die Person nicht auf den öffentlichen Seiten, in den "
                "offenen Daten und in den Berichten."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Live organisations, and the one recorded even if archived since: otherwise every
        # correction (a withdrawn consent, too) would first have to change the organisation.
        current = Q(pk=self.instance.organisation_id) if self.instance.organisation_id else Q()
        self.fields["organisation"].queryset = Actor.objects.filter(Q(is_archived=False) | current)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        problem = services.membership_dates_problem(start=start, end=end)
        if problem:
            self.add_error("end", problem)
        term = data.get("term", "")
        others = models.Membership.objects.filter(
            body_id=self.instance.body_id, user_id=self.instance.user_id, term=term
        ).exclude(pk=self.instance.pk)
        if "term" in data and others.exists():
            self.add_error(
                "term", _("Für diese Amtszeit ist die Person bereits Mitglied des Gremiums.")
            )
        return data


class MembershipEndForm(ConfirmForm):
    end = forms.DateField(
        label=_("Letzter Tag der Mitgliedschaft"),
        widget=DATE_WIDGET,
        help_text=_(
            "Ab dem folgenden Tag endet der Zugang aus dieser Mitgliedschaft. Soll er sofort "
            "enden, wählen Sie den gestrigen Tag; ein späterer Tag plant das Ende (z. B. zum "
            "Ende der Amtszeit)."
        ),
    )
