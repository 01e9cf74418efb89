"""Staff pages for meetings (agenda, documents, minutes, decisions, invitations)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ris_portal.concurrency import values_of
from ris_portal.editing import (
    ConfirmActionView,
    ServiceFormView,
    VersionedUpdateView,
)
from ris_portal.lists import CapabilityListView, QueryFilterMixin
from ris_portal.models import live_q

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    MeetingCancelForm,
    MeetingForm,
    MinutesForm,
)
from ..models import (
    AgendaItem,
    Body,
    Meeting,
    MeetingDocument,
    Minutes,
)


class MeetingListView(QueryFilterMixin, CapabilityListView):
    template_name = "governance/meeting/list.html"
    context_object_name = "meetings"
    filters = {"gremium": "selected_body", "zeit": "when"}

    def get_queryset(self):
        return selectors.meeting_list_staff(body_id=self.number("gremium"), when=self.param("zeit"))

    def get_context_data(self, **kwargs):
        bodies = Body.objects.live().order_by("kind", "name")
        return super().get_context_data(bodies=bodies, **kwargs)


class MeetingCreateView(ServiceFormView):
    form_class = MeetingForm
    heading = gettext_lazy("Sitzung anlegen")
    submit_label = gettext_lazy("Sitzung anlegen")
    success_message = gettext_lazy("Die Sitzung ist angelegt.")

    def load_objects(self):
        self.body = get_object_or_404(Body.objects.live(), slug=self.kwargs["slug"])

    def get_preline(self):
        return self.body.name

    def get_cancel_url(self):
        return reverse("governance:body_manage", kwargs={"slug": self.body.slug})

    def perform(self, form):
        return services.meeting_create(body=self.body, **values_of(form))


class MeetingUpdateView(VersionedUpdateView):
    form_class = MeetingForm
    queryset = Meeting.objects.live().select_related("body")
    heading = gettext_lazy("Sitzung bearbeiten")

    def get_preline(self):
        return self.object.body.name

    def get_success_url(self):
        return self.object.get_absolute_url()

    def form_valid(self, form):
        # A new date or place reaches the invited members (with the updated calendar entry).
        changed = [
            name
            for name in ("starts_at", "ends_at", "location", "online_url")
            if name in form.changed_data
        ]
        with transaction.atomic():
            response = super().form_valid(form)
            if changed and form.is_valid() and not form.errors:
                services.meeting_changes_notify(
                    meeting=self.object, changed=changed, actor=self.request.user
                )
        return response


class _MeetingChildView(ServiceFormView):
    """A form page that adds to a meeting (`perform`), then back to the meeting."""

    def load_objects(self):
        self.meeting = get_object_or_404(
            Meeting.objects.live().select_related("body"), pk=self.kwargs["pk"]
        )

    # After the capability check (dispatch): a cancelled meeting took no place, so it gets no
    # agenda items, documents, attendance or decisions.
    def get(self, request, *args, **kwargs):
        return self._refuse_if_cancelled() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_cancelled() or super().post(request, *args, **kwargs)

    # Attendance and decisions exist only from the meeting's date on (not for a future one).
    requires_started = False

    def _refuse_if_cancelled(self):
        if self.meeting.is_cancelled:
            messages.error(
                self.request, _("Die Sitzung ist abgesagt und kann nicht ergänzt werden.")
            )
            return redirect(self.meeting.get_absolute_url())
        if self.requires_started and self.meeting.starts_at > timezone.now():
            messages.error(
                self.request,
                _(
                    "Die Sitzung hat noch nicht stattgefunden. Teilnahme, Protokoll und "
                    "Beschlüsse können erst ab dem Sitzungstermin erfasst werden."
                ),
            )
            return redirect(self.meeting.get_absolute_url())
        return None

    def get_preline(self):
        return str(self.meeting)

    def get_cancel_url(self):
        return self.meeting.get_absolute_url()

    get_success_url = get_cancel_url


def _refuse_if_agenda_closed(request, meeting):
    """Back to the meeting page with the reason when its agenda can no longer change."""
    reason = services.agenda_closed_reason(meeting)
    if not reason:
        return None
    messages.error(request, reason)
    return redirect(meeting.get_absolute_url())


class AgendaItemCreateView(_MeetingChildView):
    form_class = AgendaItemForm
    heading = gettext_lazy("Tagesordnungspunkt hinzufügen")
    success_message = gettext_lazy("Der Tagesordnungspunkt ist hinzugefügt.")

    def _refuse_if_cancelled(self):
        # Also after the minutes were approved: they are the record of the agenda.
        return super()._refuse_if_cancelled() or _refuse_if_agenda_closed(
            self.request, self.meeting
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def perform(self, form):
        return services.agenda_item_create(meeting=self.meeting, **values_of(form))


class _AgendaItemPage:
    """The edit and remove pages of one agenda item (of a meeting that is not archived).

    After the capability check, a page of an item already removed, or of an agenda that can
    no longer change (cancelled meeting, approved minutes), sends staff back to the meeting
    page with the reason, on GET and on POST."""

    request: Any
    kwargs: Any

    def load_objects(self):
        self.item = get_object_or_404(
            AgendaItem.objects.filter(live_q("meeting")).select_related(
                "meeting__body", "meeting__minutes"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self._refuse() or super().get(request, *args, **kwargs)  # type: ignore[misc]

    def post(self, request, *args, **kwargs):
        return self._refuse() or super().post(request, *args, **kwargs)  # type: ignore[misc]

    def _refuse(self):
        meeting = self.item.meeting
        if self.item.is_archived:
            messages.info(self.request, _("Der Tagesordnungspunkt ist bereits entfernt."))
            return redirect(meeting.get_absolute_url())
        return _refuse_if_agenda_closed(self.request, meeting)

    def get_cancel_url(self):
        return self.item.meeting.get_absolute_url()


class AgendaItemUpdateView(_AgendaItemPage, VersionedUpdateView):
    """Correct an agenda item (a typo, another number or subject), with history."""

    form_class = AgendaItemForm
    heading = gettext_lazy("Tagesordnungspunkt bearbeiten")

    def get_object(self, queryset=None):
        return self.item

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.item.meeting}

    def get_preline(self):
        return str(self.item.meeting)

    def get_success_url(self):
        return self.item.meeting.get_absolute_url()

    def save_form(self, form):
        return services.agenda_item_update(
            item=self.object, expected_version=form.cleaned_data["version"], **values_of(form)
        )

    def on_saved(self, obj):
        messages.success(self.request, _("Der Tagesordnungspunkt ist gespeichert."))
        return super().on_saved(obj)


class AgendaItemRemoveView(_AgendaItemPage, ConfirmActionView):
    """Take an item off the agenda: archived with its history, not deleted."""

    capability = "can_edit_content"
    heading = gettext_lazy("Tagesordnungspunkt entfernen")
    message = gettext_lazy(
        "Der Tagesordnungspunkt erscheint danach nicht mehr auf der Sitzungsseite und weder in "
        "der Tagesordnung noch im Protokoll als PDF. Er wird nicht gelöscht, sondern mit "
        "Zeitpunkt und Person im Verlauf archiviert. Die übrigen Punkte behalten ihre Nummern."
    )
    submit_label = gettext_lazy("Entfernen")
    submit_style = "danger"

    def get_target(self):
        return self.item

    def perform(self, version):
        services.agenda_item_remove(item=self.item, expected_version=version)
        messages.success(
            self.request,
            _("„%(title)s“ ist von der Tagesordnung entfernt.") % {"title": self.item.title},
        )
        return redirect(self.item.meeting.get_absolute_url())


class DocumentUploadView(_MeetingChildView):
    form_class = DocumentForm
    heading = gettext_lazy("Unterlage hochladen")
    submit_label = gettext_lazy("Hochladen")
    multipart = True
    success_message = gettext_lazy("Die Unterlage ist hochgeladen.")

    def perform(self, form):
        return services.document_upload(
            meeting=self.meeting, uploaded_by=self.request.user, **form.cleaned_data
        )


class AttendanceView(_MeetingChildView):
    form_class = AttendanceForm
    heading = gettext_lazy("Teilnahme erfassen")
    requires_started = True
    success_message = gettext_lazy("Die Teilnahme ist gespeichert.")

    def get_form_kwargs(self):
        members = [m.user for m in selectors.body_members_all(self.meeting.body).live()]
        unique = list({user.pk: user for user in members}.values())
        return {**super().get_form_kwargs(), "meeting": self.meeting, "members": unique}

    def perform(self, form):
        return services.attendance_record(meeting=self.meeting, statuses=form.statuses())


class DecisionCreateView(_MeetingChildView):
    form_class = DecisionForm
    heading = gettext_lazy("Beschluss erfassen")
    requires_started = True
    success_message = gettext_lazy("Der Beschluss ist erfasst.")

    def get_context_data(self, **kwargs):
        # The quorum by the body's rules, shown before the decision is recorded.
        return super().get_context_data(
            quorum=services.meeting_quorum(self.meeting),
            intro_template="governance/meeting/fragment_quorum.html",
            **kwargs,
        )

    def perform(self, form):
        return services.decision_record(
            body=self.meeting.body,
            meeting=self.meeting,
            decided_by=self.request.user,
            **form.cleaned_data,
        )


def _refuse_before_meeting(request, pk):
    """Minutes are written from the meeting's date on: before it, back to the meeting page."""
    meeting = Meeting.objects.live().filter(pk=pk).only("pk", "starts_at").first()
    if meeting is None or meeting.starts_at <= timezone.now():
        return None
    messages.error(
        request,
        _("Die Sitzung hat noch nicht stattgefunden; das Protokoll folgt nach dem Termin."),
    )
    return redirect(meeting.get_absolute_url())


class MinutesEditView(VersionedUpdateView):
    """Edit the draft minutes; approved minutes are immutable (403)."""

    form_class = MinutesForm
    heading = gettext_lazy("Protokoll bearbeiten")
    submit_label = gettext_lazy("Entwurf speichern")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            refused = _refuse_before_meeting(request, self.kwargs["pk"])
            if refused is not None and self.roles.can_edit_content:
                return refused
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        meeting = get_object_or_404(Meeting.objects.live(), pk=self.kwargs["pk"])
        # Meetings get their minutes when created; older rows get them with the first save
        # (a GET never writes).
        if self.request.method == "POST":
            minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
        else:
            minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
        if minutes.is_approved:
            raise PermissionDenied(_("Ein abgestimmtes Protokoll kann nicht mehr geändert werden."))
        return minutes

    def get_preline(self):
        return str(self.object.meeting)

    def get_cancel_url(self):
        return self.object.meeting.get_absolute_url()

    def get_success_url(self):
        return self.object.meeting.get_absolute_url()


class MinutesApproveView(ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Protokoll als abgestimmt kennzeichnen")
    message = gettext_lazy(
        "Ein abgestimmtes Protokoll kann danach nicht mehr geändert werden. Bitte bestätigen "
        "Sie, dass das Gremium dem Protokoll zugestimmt hat."
    )
    submit_label = gettext_lazy("Protokoll abstimmen")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.roles.can_edit_content:
            refused = _refuse_before_meeting(request, self.kwargs["pk"])
            if refused is not None:
                return refused
        return super().dispatch(request, *args, **kwargs)

    def get_target(self):
        meeting = get_object_or_404(Meeting.objects.live(), pk=self.kwargs["pk"])
        minutes = getattr(meeting, "minutes", None)
        if minutes is None:
            raise Http404
        return minutes

    def get_cancel_url(self):
        return self.target.meeting.get_absolute_url()

    def perform(self, version):
        services.minutes_approve(
            minutes=self.target, approved_by=self.request.user, expected_version=version
        )
        messages.success(self.request, _("Das Protokoll ist abgestimmt."))
        return redirect(self.target.meeting.get_absolute_url())


class MeetingCancelView(ConfirmActionView):
    capability = "can_edit_content"
    form_class = MeetingCancelForm
    heading = gettext_lazy("Sitzung absagen")
    submit_label = gettext_lazy("Sitzung absagen")

    target_queryset = Meeting.objects.live().select_related("body")

    def get_message(self):
        if self.target.invitations_sent_at:
            return _(
                "Die Sitzung bleibt mit Tagesordnung und Unterlagen sichtbar und wird als "
                "abgesagt gekennzeichnet. Alle Mitglieder des Gremiums erhalten die Absage per "
                "E-Mail mit einem Kalendereintrag, der die Einladung in ihrem Kalender storniert."
            )
        return _(
            "Die Sitzung bleibt mit Tagesordnung und Unterlagen sichtbar und wird als abgesagt "
            "gekennzeichnet. Da noch keine Einladung versandt wurde, geht keine E-Mail hinaus."
        )

    def perform(self, version):
        services.meeting_cancel(
            meeting=self.target,
            reason=self.cleaned_data["reason"],
            expected_version=version,
            actor=self.request.user,
        )
        messages.success(self.request, _("Die Sitzung ist abgesagt."))
        return redirect(self.target.get_absolute_url())


class _DocumentVisibilityView(ConfirmActionView):
    """Withdraw a document from the members, or release a withdrawn one again."""

    capability = "can_edit_content"
    target_is_archived = False  # the state the document is in before the action
    service = None
    done_message = ""

    def get_target(self):
        return get_object_or_404(
            MeetingDocument.objects.filter(live_q("meeting"), is_archived=self.target_is_archived),
            pk=self.kwargs["pk"],
        )

    def get_cancel_url(self):
        return self.target.meeting.get_absolute_url()

    def perform(self, version):
        self.service(document=self.target)
        messages.success(self.request, self.done_message % {"title": self.target.title})
        return redirect(self.target.meeting.get_absolute_url())


class DocumentWithdrawView(_DocumentVisibilityView):
    heading = gettext_lazy("Unterlage zurückziehen")
    message = gettext_lazy(
        "Die Unterlage ist danach für die Mitglieder nicht mehr sichtbar. Sie wird nicht "
        "gelöscht, sondern mit Zeitpunkt und Person archiviert. Laden Sie bei Bedarf "
        "anschließend die richtige Fassung hoch."
    )
    submit_label = gettext_lazy("Zurückziehen")
    service = staticmethod(services.document_withdraw)
    done_message = gettext_lazy("„%(title)s“ ist zurückgezogen.")


class DocumentRestoreView(_DocumentVisibilityView):
    heading = gettext_lazy("Unterlage wieder freigeben")
    message = gettext_lazy("Die Mitglieder des Gremiums sehen die Unterlage danach wieder.")
    submit_label = gettext_lazy("Wieder freigeben")
    target_is_archived = True
    service = staticmethod(services.document_restore)
    done_message = gettext_lazy("„%(title)s“ ist wieder freigegeben.")


class MeetingInviteView(ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Einladung versenden")
    submit_label = gettext_lazy("Einladung versenden")

    target_queryset = Meeting.objects.live().select_related("body")

    def get_message(self):
        return _(
            "Alle %(count)s aktiven Mitglieder von „%(body)s“ erhalten eine E-Mail mit der "
            "Sitzung als Kalendereintrag (iCalendar)."
        ) % {"count": len(services.body_recipients(self.target.body)), "body": self.target.body}

    def perform(self, version):
        count = services.meeting_invitations_send(meeting=self.target, actor=self.request.user)
        messages.success(self.request, _("%(count)s Einladungen versandt.") % {"count": count})
        return redirect(self.target.get_absolute_url())
