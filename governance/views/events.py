"""Staff pages for forum events: manage, participants, cancel."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView, FormView

from ris_portal.editing import (
    ConfirmActionView,
    ServiceFormView,
    VersionedUpdateView,
)
from ris_portal.lists import CapabilityListView
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.spreadsheets import safe_row

from .. import selectors, services
from ..forms import (
    EventAttendanceForm,
    EventCancelForm,
    EventForm,
)
from ..models import (
    ForumEvent,
)


class EventManageListView(CapabilityListView):
    template_name = "governance/event/manage_list.html"
    context_object_name = "events"

    def get_queryset(self):
        from django.db.models import Count, Q

        return (
            ForumEvent.objects.live()
            .annotate(
                confirmed_count=Count(
                    "registrations", filter=Q(registrations__status="bestaetigt")
                ),
                waiting_count=Count("registrations", filter=Q(registrations__status="warteliste")),
            )
            .order_by("-starts_at")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


class EventCreateView(ServiceFormView):
    form_class = EventForm
    heading = gettext_lazy("Veranstaltung anlegen")
    submit_label = gettext_lazy("Anlegen")
    cancel_url = reverse_lazy("governance:event_manage_list")
    success_message = gettext_lazy("Die Veranstaltung ist angelegt.")

    def perform(self, form):
        return services.event_save(event=form.save(commit=False))


class EventUpdateView(VersionedUpdateView):
    form_class = EventForm
    queryset = ForumEvent.objects.live()
    heading = gettext_lazy("Veranstaltung bearbeiten")
    cancel_url = success_url = reverse_lazy("governance:event_manage_list")


class EventParticipantsView(CapabilityListView):
    template_name = "governance/event/participants.html"
    context_object_name = "registrations"
    paginate_by = 50

    def load_objects(self):
        self.event = get_object_or_404(ForumEvent.objects.live(), pk=self.kwargs["pk"])

    def get_queryset(self):
        return selectors.event_registrations(self.event)

    def get_context_data(self, **kwargs):
        now = timezone.now()
        return super().get_context_data(
            event=self.event,
            event_started=self.event.starts_at <= now,
            event_over=self.event.ends_at < now,
            **kwargs,
        )


class EventCancelView(ConfirmActionView):
    capability = "can_edit_content"
    form_class = EventCancelForm
    heading = gettext_lazy("Veranstaltung absagen")
    message = gettext_lazy(
        "Die Anmeldung wird geschlossen. Alle bestätigten Teilnehmenden und die Personen auf "
        "der Warteliste erhalten die Absage mit Ihrem Grund per E-Mail. Die Veranstaltung "
        "bleibt als „abgesagt“ sichtbar; die Anmeldungen bleiben bis zum Ende der "
        "Aufbewahrungsfrist erhalten."
    )
    submit_label = gettext_lazy("Veranstaltung absagen")

    target_queryset = ForumEvent.objects.live()

    def get_cancel_url(self):
        return reverse("governance:event_manage_list")

    def perform(self, version):
        notified = services.event_cancel(
            event=self.target, reason=self.cleaned_data["reason"], expected_version=version
        )
        messages.success(
            self.request,
            _("Die Veranstaltung ist abgesagt; %(count)s Personen werden per E-Mail informiert.")
            % {"count": notified},
        )
        return redirect("governance:event_manage_list")


class RegistrationCancelView(ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Anmeldung stornieren")
    message = gettext_lazy(
        "Die Anmeldung wird storniert, und die Person erhält darüber eine E-Mail. Wird dadurch "
        "ein Platz frei, rückt die erste Person der Warteliste nach und erhält eine Bestätigung "
        "per E-Mail."
    )
    submit_label = gettext_lazy("Anmeldung stornieren")

    def get_target(self):
        from ..models import Registration

        return get_object_or_404(
            Registration.objects.select_related("event").exclude(status="storniert"),
            pk=self.kwargs["pk"],
        )

    def get_cancel_url(self):
        return reverse("governance:event_participants", kwargs={"pk": self.target.event_id})

    def perform(self, version):
        promoted = services.registration_cancel(registration=self.target)
        messages.success(self.request, _("Die Anmeldung ist storniert."))
        if promoted:
            messages.info(
                self.request,
                _("%(name)s ist von der Warteliste nachgerückt.") % {"name": promoted.name},
            )
        return redirect(self.get_cancel_url())


class EventParticipantsCsvView(CapabilityRequiredMixin, DetailView):
    capability = "can_edit_content"

    def get(self, request, *args, **kwargs):
        event = get_object_or_404(ForumEvent.objects.live(), pk=kwargs["pk"])
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="teilnehmende-{event.slug}.csv"'
        response.write("\ufeff")  # BOM: Excel opens UTF-8 correctly
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [_("Name"), _("Organisation"), _("E-Mail-Adresse"), _("Status"), _("angemeldet am")]
        )
        for registration in selectors.event_registrations(event):
            # Names are typed by the public: never let a spreadsheet run them as formulas.
            writer.writerow(
                safe_row(
                    [
                        registration.name,
                        registration.organisation,
                        registration.email,
                        registration.get_status_display(),
                        timezone.localtime(registration.created_at).strftime("%d.%m.%Y %H:%M"),
                    ]
                )
            )
        return response


class EventAttendanceView(CapabilityRequiredMixin, FormView):
    """After the event: staff tick who came (the monitoring counts these from then on)."""

    capability = "can_edit_content"
    template_name = "governance/event/attendance.html"

    # The event is looked up after the capability check (others get 403, not 404).
    def _load(self):
        self.event = get_object_or_404(ForumEvent.objects.live(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self._load()
        return self._refuse() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._load()
        return self._refuse() or super().post(request, *args, **kwargs)

    def _refuse(self):
        if self.event.is_cancelled or self.event.starts_at > timezone.now():
            messages.error(
                self.request,
                _(
                    "Die Anwesenheit wird nach Beginn der Veranstaltung erfasst (nicht bei abgesagten)."
                ),
            )
            return redirect("governance:event_participants", pk=self.event.pk)
        return None

    def get_form(self, form_class=None):
        registrations = list(
            self.event.registrations.filter(status="bestaetigt").order_by("name", "pk")
        )
        return EventAttendanceForm(
            self.request.POST if self.request.method == "POST" else None,
            registrations=registrations,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)

    def form_valid(self, form):
        present = services.event_attendance_record(
            event=self.event, attended_ids=form.attended_ids()
        )
        messages.success(
            self.request,
            ngettext(
                "Anwesenheit gespeichert: %(count)s Person hat teilgenommen.",
                "Anwesenheit gespeichert: %(count)s Personen haben teilgenommen.",
                present,
            )
            % {"count": present},
        )
        return redirect("governance:event_participants", pk=self.event.pk)
