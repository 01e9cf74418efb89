"""Views of the governance app: thin adapters over selectors (reads) and services (writes)."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from fields import services as fields_services
from ris_portal.concurrency import CONFLICT_MESSAGE, ConcurrentEditError, VersionedUpdateMixin
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin
from ris_portal.ratelimit import RateLimitedFormMixin
from ris_portal.roles import roles_for
from ris_portal.spreadsheets import safe_row

from . import selectors, services
from .calendar import meeting_ics
from .charts import results_chart
from .forms import (
    AgendaItemForm,
    ApprovalDecideForm,
    AttendanceForm,
    ConfirmForm,
    DecisionForm,
    DocumentForm,
    EventCancelForm,
    EventForm,
    GoalForm,
    MeetingCancelForm,
    MeetingForm,
    MemberInviteForm,
    MinutesForm,
    RegistrationForm,
    ReviewAnswerForm,
    ReviewRoundForm,
)
from .models import (
    Body,
    DevelopmentGoal,
    ForumEvent,
    Meeting,
    MeetingDocument,
    Minutes,
    ReviewRound,
)

FORM_TEMPLATE = "governance/form_page.html"
CONFIRM_TEMPLATE = "governance/confirm_page.html"


def _apply_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- public pages -----------------------------------------------------------------------------


class BodyListView(ListView):
    template_name = "governance/body/list.html"
    context_object_name = "bodies"
    paginate_by = 25

    def get_queryset(self):
        return selectors.body_list_public()


class BodyPublicView(DetailView):
    """Public page of a body; members are listed only with their consent."""

    template_name = "governance/body/public_detail.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.body_detail_public(self.kwargs["slug"]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = selectors.decisions_public(body_id=self.object.pk)[:10]
        return context


class DecisionListView(ListView):
    """Public list of the decisions (Beschlüsse) of all bodies."""

    template_name = "governance/decision/list.html"
    context_object_name = "decisions"
    paginate_by = 25

    def get_queryset(self):
        body = self.request.GET.get("gremium") or ""
        return selectors.decisions_public(body_id=int(body) if body.isdigit() else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = Body.objects.filter(is_archived=False).order_by("kind", "name")
        context["selected_body"] = self.request.GET.get("gremium", "")
        return context


class EventListView(ListView):
    template_name = "governance/event/list.html"
    context_object_name = "events"
    paginate_by = 25

    def get_queryset(self):
        return selectors.events_public(when=self.request.GET.get("zeit", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["when"] = self.request.GET.get("zeit", "")
        return context


class RegistrationConfirmView(TemplateView):
    """The link from the registration e-mail: a page with a button, the POST confirms.

    Confirming on GET would let mail scanners that open links confirm on the reader's behalf.
    """

    template_name = "governance/event/registration_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            ForumEvent.objects.filter(is_archived=False), slug=kwargs["slug"]
        )
        self.registration = services.registration_pending(event=self.event, token=kwargs["token"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.registration is None:
            response.status_code = 404
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, registration=self.registration, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            registration = services.registration_confirm(event=self.event, token=kwargs["token"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.event.get_absolute_url())
        if registration.status == registration.Status.WAITING:
            messages.warning(
                request,
                _(
                    "Alle Plätze sind vergeben. Sie stehen auf der Warteliste; wir schreiben "
                    "Ihnen, sobald ein Platz frei wird."
                ),
            )
        else:
            messages.success(
                request,
                _("Vielen Dank, Ihre Anmeldung ist bestätigt. Sie erhalten eine E-Mail."),
            )
        return redirect(self.event.get_absolute_url())


class EventPublicView(RateLimitedFormMixin, FormView):
    """Public page of a forum event with the registration form."""

    template_name = "governance/event/public_detail.html"
    form_class = RegistrationForm
    rate_limit_action = "forum_registration"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            ForumEvent.objects.filter(is_archived=False).select_related("body"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = self.event.registrations.filter(status="bestaetigt").count()
        context.update(
            event=self.event,
            confirmed=confirmed,
            free=max(self.event.capacity - confirmed, 0),
            accepts=(
                self.event.registration_open
                and not self.event.is_cancelled
                and self.event.ends_at >= timezone.now()
            ),
        )
        return context

    def form_valid(self, form):
        try:
            registration = services.registration_create(event=self.event, **form.cleaned_data)
        except ValidationError as error:
            _apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.info(
            self.request,
            _(
                "Fast geschafft: Wir haben Ihnen eine E-Mail an %(email)s geschickt. Bitte "
                "bestätigen Sie Ihre Anmeldung über den Link darin (innerhalb von %(hours)s "
                "Stunden); erst dann ist Ihr Platz reserviert."
            )
            % {"email": registration.email, "hours": services.REGISTRATION_CONFIRM_HOURS},
        )
        return redirect(self.event.get_absolute_url())


# --- members ----------------------------------------------------------------------------------


class MyBodiesView(CapabilityRequiredMixin, TemplateView):
    """„Meine Gremien“: the member's bodies, upcoming meetings with documents, open rounds."""

    template_name = "governance/my_bodies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["memberships"] = selectors.my_memberships(user)
        context["meetings"] = selectors.my_upcoming_meetings(user)[:20]
        context["rounds"] = selectors.review_rounds_for(self.roles, user=user).filter(
            status=ReviewRound.Status.OPEN, body_id__in=self.roles.body_ids
        )
        return context


class MeetingDetailView(CapabilityRequiredMixin, DetailView):
    template_name = "governance/meeting/detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.meeting_detail_for(self.roles), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.roles.can_edit_content
        return context


class MeetingCalendarView(CapabilityRequiredMixin, DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(selectors.meetings_for(self.roles), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        url = request.build_absolute_uri(meeting.get_absolute_url())
        response = HttpResponse(meeting_ics(meeting, url=url), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="sitzung-{meeting.pk}.ics"'
        return response


class DocumentDownloadView(CapabilityRequiredMixin, DetailView):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(
            MeetingDocument.objects.filter(
                is_archived=False, meeting__in=selectors.meetings_for(self.roles)
            ),
            pk=kwargs["pk"],
        )
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(handle, as_attachment=True, filename=document.file.name.split("/")[-1])


# --- review rounds ----------------------------------------------------------------------------


class ReviewListView(CapabilityRequiredMixin, ListView):
    """„Priorisierung“: the rounds of the user's boards (staff and ministry: all)."""

    capability = "can_view_internal_workspace"
    template_name = "governance/review/list.html"
    context_object_name = "rounds"
    paginate_by = 25

    def get_queryset(self):
        queryset = selectors.review_rounds_for(self.roles, user=self.request.user)
        status = self.request.GET.get("status", "")
        if status in ReviewRound.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.request.GET.get("status", "")
        context["statuses"] = ReviewRound.Status.choices
        if self.roles.can_edit_content:
            context["boards"] = Body.objects.filter(
                kind=Body.Kind.STRATEGY_BOARD, is_archived=False
            ).order_by("field__order")
        return context


class ReviewDetailView(CapabilityRequiredMixin, DetailView):
    """Members answer here while the round is open; results only after close."""

    template_name = "governance/review/detail.html"
    context_object_name = "round"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.review_rounds_for(self.roles).select_related("body"), pk=self.kwargs["pk"]
        )

    def _is_member(self) -> bool:
        return self.object.body_id in self.roles.body_ids

    def _answer_form(self, data=None):
        return ReviewAnswerForm(
            data,
            items=selectors.review_items(self.object),
            answers=selectors.review_answers_of(self.object, self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context["is_member"] = self._is_member()
        if round_.is_open:
            if context["is_member"] and round_.accepts_answers:
                context.setdefault("form", kwargs.get("form") or self._answer_form())
                context["has_answered"] = bool(
                    selectors.review_answers_of(round_, self.request.user)
                )
            if self.roles.can_edit_content:
                participation = selectors.review_participation(round_)
                context["participation"] = participation
                context["answered_count"] = sum(1 for row in participation if row["answered"])
        else:
            results = selectors.review_results(round_)
            context["results"] = results
            context["chart"] = results_chart(results)
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self._is_member():
            raise PermissionDenied
        form = self._answer_form(request.POST)
        if form.is_valid():
            try:
                services.review_answers_save(
                    round_=self.object, user=request.user, answers=form.answers()
                )
            except ValidationError as error:
                _apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Ihre Bewertungen sind gespeichert. Sie können sie bis zum Ende der "
                        "Frist ändern."
                    ),
                )
                return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class ReviewCreateView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = ReviewRoundForm

    def dispatch(self, request, *args, **kwargs):
        self.body = get_object_or_404(
            Body.objects.filter(
                is_archived=False, kind=Body.Kind.STRATEGY_BOARD, field__isnull=False
            ),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["needs"] = selectors.needs_for_field(self.body.field_id)
        kwargs["themes"] = selectors.themes_for_field(self.body.field_id)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Priorisierungsrunde eröffnen"),
            preline=self.body.name,
            submit_label=_("Runde eröffnen"),
            cancel_url=reverse("governance:review_list"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            round_ = services.review_round_open(
                body=self.body, created_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Priorisierungsrunde ist eröffnet."))
        return redirect(round_.get_absolute_url())


class ConfirmActionView(CapabilityRequiredMixin, FormView):
    """Base for a confirmation page: GET shows what will happen, POST does it."""

    template_name = CONFIRM_TEMPLATE
    form_class = ConfirmForm
    heading = ""
    message = ""
    submit_label = gettext_lazy("Bestätigen")

    def get_target(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.target = self.get_target()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"version": getattr(self.target, "version", 1)}

    def get_cancel_url(self) -> str:
        return self.target.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading,
            message=self.get_message(),
            target=self.target,
            submit_label=self.submit_label,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def get_message(self) -> str:
        return self.message

    def form_valid(self, form):
        self.cleaned_data = form.cleaned_data  # for confirmations with more fields (a reason)
        try:
            return self.perform(form.cleaned_data["version"])
        except ConcurrentEditError:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            _apply_validation_error(form, error)
        return self.form_invalid(form)

    def perform(self, version: int):
        raise NotImplementedError


class ReviewCloseView(ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Priorisierungsrunde abschließen")
    message = gettext_lazy(
        "Nach dem Abschluss nimmt die Runde keine Antworten mehr an. Die Ergebnisse werden "
        "für alle Mitglieder sichtbar, und der Mittelwert jedes Handlungsbedarfs wird als "
        "Priorität übernommen."
    )
    submit_label = gettext_lazy("Runde abschließen")

    def get_target(self):
        return get_object_or_404(
            ReviewRound.objects.filter(is_archived=False), pk=self.kwargs["pk"]
        )

    def perform(self, version):
        services.review_round_close(round_=self.target, closed_by=self.request.user)
        messages.success(
            self.request, _("Die Runde ist abgeschlossen; die Prioritäten sind übernommen.")
        )
        return redirect(self.target.get_absolute_url())


# --- bodies, members and meetings (staff) -----------------------------------------------------


class BodyManageView(CapabilityRequiredMixin, DetailView):
    capability = "can_edit_content"
    template_name = "governance/body/manage.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(Body.objects.filter(is_archived=False), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.body_members_all(self.object), 50).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["members"] = page.object_list
        context["meetings"] = selectors.meeting_list_staff(body_id=self.object.pk)[:10]
        return context


class MemberInviteView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = MemberInviteForm

    def dispatch(self, request, *args, **kwargs):
        self.body = get_object_or_404(Body.objects.filter(is_archived=False), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"term": self.body.current_term}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Mitglied hinzufügen"),
            preline=self.body.name,
            intro=_(
                "Hat die Person noch kein Konto, wird es angelegt und sie erhält eine Einladung "
                "per E-Mail, mit der sie ihr Passwort festlegt."
            ),
            submit_label=_("Mitglied hinzufügen"),
            cancel_url=reverse("governance:body_manage", kwargs={"slug": self.body.slug}),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.membership_invite(
                body=self.body, invited_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Das Mitglied ist eingetragen."))
        return redirect("governance:body_manage", slug=self.body.slug)


class MeetingListView(CapabilityRequiredMixin, ListView):
    capability = "can_edit_content"
    template_name = "governance/meeting/list.html"
    context_object_name = "meetings"
    paginate_by = 25

    def get_queryset(self):
        body = self.request.GET.get("gremium", "")
        return selectors.meeting_list_staff(
            body_id=int(body) if body.isdigit() else None, when=self.request.GET.get("zeit", "")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = Body.objects.filter(is_archived=False).order_by("kind", "name")
        context["selected_body"] = self.request.GET.get("gremium", "")
        context["when"] = self.request.GET.get("zeit", "")
        return context


class MeetingCreateView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = MeetingForm

    def dispatch(self, request, *args, **kwargs):
        self.body = get_object_or_404(Body.objects.filter(is_archived=False), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Sitzung anlegen"),
            preline=self.body.name,
            submit_label=_("Sitzung anlegen"),
            cancel_url=reverse("governance:body_manage", kwargs={"slug": self.body.slug}),
            **kwargs,
        )

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        meeting = services.meeting_create(body=self.body, **values)
        messages.success(self.request, _("Die Sitzung ist angelegt."))
        return redirect(meeting.get_absolute_url())


class MeetingUpdateView(CapabilityRequiredMixin, VersionedUpdateMixin, UpdateView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = MeetingForm
    queryset = Meeting.objects.filter(is_archived=False).select_related("body")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Sitzung bearbeiten"),
            preline=self.object.body.name,
            submit_label=_("Speichern"),
            cancel_url=self.object.get_absolute_url(),
            **kwargs,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class _MeetingChildView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    heading = ""
    submit_label = gettext_lazy("Speichern")

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(
            Meeting.objects.filter(is_archived=False).select_related("body"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    # After the capability check (dispatch): a cancelled meeting took no place, so it gets no
    # agenda items, documents, attendance or decisions.
    def get(self, request, *args, **kwargs):
        return self._refuse_if_cancelled() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_cancelled() or super().post(request, *args, **kwargs)

    def _refuse_if_cancelled(self):
        if not self.meeting.is_cancelled:
            return None
        messages.error(self.request, _("Die Sitzung ist abgesagt und kann nicht ergänzt werden."))
        return redirect(self.meeting.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.heading,
            preline=str(self.meeting),
            submit_label=self.submit_label,
            cancel_url=self.meeting.get_absolute_url(),
            **kwargs,
        )


class AgendaItemCreateView(_MeetingChildView):
    form_class = AgendaItemForm
    heading = gettext_lazy("Tagesordnungspunkt hinzufügen")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def form_valid(self, form):
        services.agenda_item_create(meeting=self.meeting, **form.cleaned_data)
        messages.success(self.request, _("Der Tagesordnungspunkt ist hinzugefügt."))
        return redirect(self.meeting.get_absolute_url())


class DocumentUploadView(_MeetingChildView):
    form_class = DocumentForm
    heading = gettext_lazy("Unterlage hochladen")
    submit_label = gettext_lazy("Hochladen")

    def get_context_data(self, **kwargs):
        return super().get_context_data(multipart=True, **kwargs)

    def form_valid(self, form):
        try:
            services.document_upload(
                meeting=self.meeting,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                uploaded_by=self.request.user,
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Die Unterlage ist hochgeladen."))
        return redirect(self.meeting.get_absolute_url())


class AttendanceView(_MeetingChildView):
    form_class = AttendanceForm
    heading = gettext_lazy("Teilnahme erfassen")

    def get_form_kwargs(self):
        members = [
            m.user for m in selectors.body_members_all(self.meeting.body).filter(is_archived=False)
        ]
        unique = list({user.pk: user for user in members}.values())
        return {**super().get_form_kwargs(), "meeting": self.meeting, "members": unique}

    def form_valid(self, form):
        services.attendance_record(meeting=self.meeting, statuses=form.statuses())
        messages.success(self.request, _("Die Teilnahme ist gespeichert."))
        return redirect(self.meeting.get_absolute_url())


class DecisionCreateView(_MeetingChildView):
    form_class = DecisionForm
    heading = gettext_lazy("Beschluss erfassen")

    def form_valid(self, form):
        services.decision_record(
            body=self.meeting.body,
            meeting=self.meeting,
            decided_by=self.request.user,
            **form.cleaned_data,
        )
        messages.success(self.request, _("Der Beschluss ist erfasst."))
        return redirect(self.meeting.get_absolute_url())


class MinutesEditView(CapabilityRequiredMixin, VersionedUpdateMixin, UpdateView):
    """Edit the draft minutes; approved minutes are immutable (403)."""

    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = MinutesForm

    def get_object(self, queryset=None):
        meeting = get_object_or_404(Meeting.objects.filter(is_archived=False), pk=self.kwargs["pk"])
        # Meetings get their minutes when created; older rows get them with the first save
        # (a GET never writes).
        if self.request.method == "POST":
            minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
        else:
            minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
        if minutes.is_approved:
            raise PermissionDenied(_("Ein abgestimmtes Protokoll kann nicht mehr geändert werden."))
        return minutes

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Protokoll bearbeiten"),
            preline=str(self.object.meeting),
            submit_label=_("Entwurf speichern"),
            cancel_url=self.object.meeting.get_absolute_url(),
            **kwargs,
        )

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

    def get_target(self):
        meeting = get_object_or_404(Meeting.objects.filter(is_archived=False), pk=self.kwargs["pk"])
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

    def get_target(self):
        return get_object_or_404(
            Meeting.objects.filter(is_archived=False).select_related("body"), pk=self.kwargs["pk"]
        )

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
            meeting=self.target, reason=self.cleaned_data["reason"], expected_version=version
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
            MeetingDocument.objects.filter(
                is_archived=self.target_is_archived, meeting__is_archived=False
            ),
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

    def get_target(self):
        return get_object_or_404(
            Meeting.objects.filter(is_archived=False).select_related("body"), pk=self.kwargs["pk"]
        )

    def get_message(self):
        return _(
            "Alle %(count)s aktiven Mitglieder von „%(body)s“ erhalten eine E-Mail mit der "
            "Sitzung als Kalendereintrag (iCalendar)."
        ) % {"count": len(services.body_recipients(self.target.body)), "body": self.target.body}

    def perform(self, version):
        count = services.meeting_invitations_send(meeting=self.target)
        messages.success(self.request, _("%(count)s Einladungen versandt.") % {"count": count})
        return redirect(self.target.get_absolute_url())


# --- approvals --------------------------------------------------------------------------------

APPROVAL_VIEWS = {
    "eingereicht": gettext_lazy("Eingereichte Vorlagen"),
    "einreichen": gettext_lazy("Roadmaps zum Einreichen"),
    "veroeffentlichen": gettext_lazy("Beschlossene Roadmaps zum Veröffentlichen"),
}


class ApprovalListView(CapabilityRequiredMixin, ListView):
    """„Beschlussvorlagen“: what waits for the Lenkungskreis; staff also submit and publish."""

    capability = "can_decide"
    template_name = "governance/approval/list.html"
    context_object_name = "entries"
    paginate_by = 25

    def view_name(self) -> str:
        view = self.request.GET.get("ansicht", "eingereicht")
        if view not in APPROVAL_VIEWS or (
            view != "eingereicht" and not self.roles.can_edit_content
        ):
            return "eingereicht"
        return view

    def get_queryset(self):
        view = self.view_name()
        if view == "einreichen":
            return [("roadmap", r) for r in selectors.roadmaps_to_submit()]
        if view == "veroeffentlichen":
            return [("roadmap", r) for r in selectors.roadmaps_to_publish()]
        queue = selectors.approval_queue()
        entries = [("roadmap", r) for r in queue["roadmaps"]] + [
            ("goal", g) for g in queue["goals"]
        ]
        return sorted(entries, key=lambda entry: entry[1].submitted_at or timezone.now())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["view"] = self.view_name()
        context["views"] = APPROVAL_VIEWS if self.roles.can_edit_content else {}
        context["heading"] = APPROVAL_VIEWS[context["view"]]
        return context


def _roadmaps():
    return selectors.roadmaps_with_field().filter(is_archived=False)


def _goals():
    return DevelopmentGoal.objects.filter(is_archived=False).select_related("field")


class _ApprovalObjectMixin:
    model_kind = "roadmap"

    def get_target(self):
        queryset = _roadmaps() if self.model_kind == "roadmap" else _goals()
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get_cancel_url(self):
        return reverse("governance:approval_list")


class RoadmapSubmitView(_ApprovalObjectMixin, ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Beim Lenkungskreis einreichen")
    message = gettext_lazy(
        "Die Vorlage wird dem Lenkungskreis zur Entscheidung vorgelegt. Bis zur Entscheidung "
        "ist sie in der Liste der Beschlussvorlagen sichtbar."
    )
    submit_label = gettext_lazy("Einreichen")

    def perform(self, version):
        services.approval_submit(obj=self.target, expected_version=version)
        messages.success(self.request, _("Die Vorlage ist beim Lenkungskreis eingereicht."))
        return redirect(reverse("governance:approval_list"))


class GoalSubmitView(RoadmapSubmitView):
    model_kind = "goal"


class RoadmapDecideView(_ApprovalObjectMixin, CapabilityRequiredMixin, FormView):
    """Lenkungskreis members approve or return; staff record a decision taken in a meeting."""

    capability = "can_decide"
    template_name = "governance/approval/decide.html"
    form_class = ApprovalDecideForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and roles_for(request.user).can_decide:
            self.target = self.get_target()
        return super().dispatch(request, *args, **kwargs)

    def _staff_records(self) -> bool:
        # Staff who are not themselves members of the Lenkungskreis record a meeting decision.
        return not self.roles.is_steering

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meetings": selectors.meetings_of_steering_committee(),
            "meeting_required": self._staff_records(),
        }

    def get_initial(self):
        return {"version": self.target.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            target=self.target,
            kind=self.model_kind,
            staff_records=self._staff_records(),
            history=self.target.history.select_related("history_user")[:10],
            cancel_url=reverse("governance:approval_list"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.approval_decide(
                obj=self.target,
                approve=data["decision"] == "approve",
                reason=data.get("reason") or "",
                meeting=data.get("meeting"),
                votes_yes=data.get("votes_yes") or 0,
                votes_no=data.get("votes_no") or 0,
                votes_abstain=data.get("votes_abstain") or 0,
                decided_by=self.request.user,
                expected_version=data["version"],
            )
        except ConcurrentEditError:
            form.add_error(None, CONFLICT_MESSAGE)
            return self.form_invalid(form)
        except ValidationError as error:
            _apply_validation_error(form, error)
            return self.form_invalid(form)
        if data["decision"] == "approve":
            messages.success(self.request, _("Die Vorlage ist beschlossen."))
        else:
            messages.success(self.request, _("Die Vorlage ist zurückgegeben."))
        return redirect("governance:approval_list")


class GoalDecideView(RoadmapDecideView):
    model_kind = "goal"


class RoadmapPublishView(_ApprovalObjectMixin, ConfirmActionView):
    capability = "can_edit_content"
    heading = gettext_lazy("Roadmap veröffentlichen")
    message = gettext_lazy(
        "Die beschlossene Roadmap wird auf den öffentlichen Seiten des Portals sichtbar."
    )
    submit_label = gettext_lazy("Veröffentlichen")

    def perform(self, version):
        services.roadmap_publish(roadmap=self.target, expected_version=version)
        messages.success(self.request, _("Die Roadmap ist veröffentlicht."))
        return redirect(reverse("governance:approval_list") + "?ansicht=veroeffentlichen")


class RoadmapHistoryView(ObjectHistoryView):
    capability = "can_decide"

    def get_object(self, queryset=None):
        return get_object_or_404(_roadmaps(), pk=self.kwargs["pk"])

    def restore_check(self, obj, record=None):
        fields_services.roadmap_ensure_restorable(roadmap=obj)

    def get_back_url(self):
        return reverse("governance:approval_list")


class GoalHistoryView(RoadmapHistoryView):
    def get_object(self, queryset=None):
        return get_object_or_404(_goals(), pk=self.kwargs["pk"])

    def restore_check(self, obj, record=None):
        services.goal_ensure_editable(goal=obj)

    def get_back_url(self):
        return reverse("governance:goal_list")


class GoalListView(CapabilityRequiredMixin, ListView):
    capability = "can_decide"
    template_name = "governance/goal/list.html"
    context_object_name = "goals"
    paginate_by = 25

    def get_queryset(self):
        field = self.request.GET.get("feld", "")
        status = self.request.GET.get("status", "")
        return selectors.goal_list(
            field_id=int(field) if field.isdigit() else None,
            status=status if status in DevelopmentGoal.Status.values else "",
        )

    def get_context_data(self, **kwargs):
        from fields.models import SpecializationField

        context = super().get_context_data(**kwargs)
        context["fields"] = SpecializationField.objects.filter(is_archived=False)
        context["statuses"] = DevelopmentGoal.Status.choices
        context["selected_field"] = self.request.GET.get("feld", "")
        context["selected_status"] = self.request.GET.get("status", "")
        return context


class GoalCreateView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = GoalForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Entwicklungsziel anlegen"),
            submit_label=_("Anlegen"),
            cancel_url=reverse("governance:goal_list"),
            **kwargs,
        )

    def form_valid(self, form):
        goal = form.save(commit=False)
        services.goal_save(goal=goal)
        messages.success(self.request, _("Das Entwicklungsziel ist angelegt."))
        return redirect("governance:goal_list")


class GoalUpdateView(CapabilityRequiredMixin, VersionedUpdateMixin, UpdateView):
    """Edits only while the goal is a draft or returned; a later submit bumps the version."""

    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = GoalForm
    queryset = DevelopmentGoal.objects.filter(is_archived=False)

    def get(self, request, *args, **kwargs):
        return self._refuse_unless_editable() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_unless_editable() or super().post(request, *args, **kwargs)

    def _refuse_unless_editable(self):
        try:
            services.goal_ensure_editable(goal=self.get_object())
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("governance:goal_list")
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Entwicklungsziel bearbeiten"),
            submit_label=_("Speichern"),
            cancel_url=reverse("governance:goal_list"),
            **kwargs,
        )

    def get_success_url(self):
        return reverse("governance:goal_list")


# --- forum events (staff) ---------------------------------------------------------------------


class EventManageListView(CapabilityRequiredMixin, ListView):
    capability = "can_edit_content"
    template_name = "governance/event/manage_list.html"
    context_object_name = "events"
    paginate_by = 25

    def get_queryset(self):
        from django.db.models import Count, Q

        return (
            ForumEvent.objects.filter(is_archived=False)
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


class EventCreateView(CapabilityRequiredMixin, FormView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = EventForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Veranstaltung anlegen"),
            submit_label=_("Anlegen"),
            cancel_url=reverse("governance:event_manage_list"),
            **kwargs,
        )

    def form_valid(self, form):
        event = services.event_save(event=form.save(commit=False))
        messages.success(self.request, _("Die Veranstaltung ist angelegt."))
        return redirect(event.get_absolute_url())


class EventUpdateView(CapabilityRequiredMixin, VersionedUpdateMixin, UpdateView):
    capability = "can_edit_content"
    template_name = FORM_TEMPLATE
    form_class = EventForm
    queryset = ForumEvent.objects.filter(is_archived=False)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Veranstaltung bearbeiten"),
            submit_label=_("Speichern"),
            cancel_url=reverse("governance:event_manage_list"),
            **kwargs,
        )

    def get_success_url(self):
        return reverse("governance:event_manage_list")


class EventParticipantsView(CapabilityRequiredMixin, ListView):
    capability = "can_edit_content"
    template_name = "governance/event/participants.html"
    context_object_name = "registrations"
    paginate_by = 50

    def get_queryset(self):
        self.event = get_object_or_404(
            ForumEvent.objects.filter(is_archived=False), pk=self.kwargs["pk"]
        )
        return selectors.event_registrations(self.event)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


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

    def get_target(self):
        return get_object_or_404(ForumEvent.objects.filter(is_archived=False), pk=self.kwargs["pk"])

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
        "Die Anmeldung wird storniert. Wird dadurch ein Platz frei, rückt die erste Person der "
        "Warteliste nach und erhält eine Bestätigung per E-Mail."
    )
    submit_label = gettext_lazy("Anmeldung stornieren")

    def get_target(self):
        from .models import Registration

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
        event = get_object_or_404(ForumEvent.objects.filter(is_archived=False), pk=kwargs["pk"])
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
