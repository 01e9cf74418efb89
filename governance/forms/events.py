"""Forms for forum events: the event, registration, cancellation and attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ris_portal.concurrency import VersionedModelForm

from .. import models
from .common import DATETIME_WIDGET, CancelForm


class EventCancelForm(CancelForm):
    reason_help = _("Erscheint auf der Veranstaltungsseite und in der E-Mail an die Angemeldeten.")


class EventForm(VersionedModelForm):
    class Meta:
        model = models.ForumEvent
        fields = [
            "body",
            "slug",
            *models.ForumEvent.ANNOUNCEMENT_FIELDS,
            "registration_open",
            "retention_days",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = models.Body.objects.live().filter(
            kind=models.Body.Kind.FORUM
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Das Ende muss nach dem Beginn liegen."))
        return data


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=250, required=False)
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    privacy_consent = forms.BooleanField(
        label=_(
            "Ich habe die Datenschutzhinweise gelesen und willige in die Verarbeitung meiner "
            "Angaben zur Durchführung der Veranstaltung ein."
        ),
        error_messages={"required": _("Bitte stimmen Sie der Datenschutzerklärung zu.")},
    )


class EventAttendanceForm(forms.Form):
    """One checkbox per confirmed registration: did the person come?"""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            label = registration.name
            if registration.organisation:
                label += f" ({registration.organisation})"
            self.fields[f"r_{registration.pk}"] = forms.BooleanField(
                label=label, required=False, initial=bool(registration.attended)
            )

    def attended_ids(self) -> list[int]:
        return [r.pk for r in self.registrations if self.cleaned_data.get(f"r_{r.pk}")]
