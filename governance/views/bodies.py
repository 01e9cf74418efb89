"""Staff pages for a body's members: the body's management page, adding a member, correcting
a membership and ending it (a member who leaves keeps no access to the body's internals)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from ris_portal.editing import ConfirmActionView, ServiceFormView, VersionedUpdateView
from ris_portal.permissions import CapabilityRequiredMixin

from .. import selectors, services
from ..forms import BodyForm, MemberInviteForm, MembershipEndForm, MembershipForm
from ..models import Body, Membership


class BodyManageView(CapabilityRequiredMixin, DetailView):
    capability = "can_edit_content"
    template_name = "governance/body/manage.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(Body.objects.live(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.body_members_all(self.object), 50).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["members"] = page.object_list
        context["today"] = timezone.localdate()
        context["meetings"] = selectors.meeting_list_staff(body_id=self.object.pk)[:10]
        return context


def _manage_url(body: Body) -> str:
    return reverse("governance:body_manage", kwargs={"slug": body.slug})


class BodyUpdateView(VersionedUpdateView):
    """Gremium bearbeiten: name, description, current term and quorum rule, with history."""

    form_class = BodyForm
    queryset = Body.objects.live()
    heading = gettext_lazy("Gremium bearbeiten")
    intro = gettext_lazy(
        "Eine geänderte Regel zur Beschlussfähigkeit gilt für Sitzungen, die nach dem Speichern "
        "beginnen; frühere Sitzungen behalten die Regel, die zu ihrem Beginn galt."
    )
    change_reason = gettext_lazy("Gremium bearbeitet")

    def get_success_url(self):
        return _manage_url(self.object)

    get_cancel_url = get_success_url

    def on_saved(self, obj):
        messages.success(self.request, _("Die Angaben zum Gremium sind gespeichert."))
        return super().on_saved(obj)


class MemberInviteView(ServiceFormView):
    form_class = MemberInviteForm
    heading = gettext_lazy("Mitglied hinzufügen")
    intro = gettext_lazy(
        "Hat die Person noch kein Konto, wird es angelegt und sie erhält eine Einladung "
        "per E-Mail, mit der sie ihr Passwort festlegt."
    )
    submit_label = gettext_lazy("Mitglied hinzufügen")
    success_message = gettext_lazy("Das Mitglied ist eingetragen.")

    def load_objects(self):
        self.body = get_object_or_404(Body.objects.live(), slug=self.kwargs["slug"])

    def get_initial(self):
        return {"term": self.body.current_term}

    def get_preline(self):
        return self.body.name

    def get_cancel_url(self):
        return _manage_url(self.body)

    get_success_url = get_cancel_url

    def perform(self, form):
        return services.membership_invite(
            body=self.body, invited_by=self.request.user, **form.cleaned_data
        )


# Memberships of bodies that are not archived (an archived body has no management page).
MEMBERSHIPS = (
    Membership.objects.live().filter(body__is_archived=False).select_related("body", "user")
)


def _member_line(membership: Membership) -> str:
    name = membership.user.get_full_name() or membership.user.email
    return f"{name} – {membership.body.name}"


class MembershipUpdateView(VersionedUpdateView):
    """Correct a membership: organisation, sector, function, term, start and the consent to
    be named in public (a withdrawn consent takes the name off the public pages at once)."""

    form_class = MembershipForm
    queryset = MEMBERSHIPS
    heading = gettext_lazy("Mitgliedschaft bearbeiten")
    change_reason = gettext_lazy("Mitgliedschaft bearbeitet")

    def get_preline(self):
        return _member_line(self.object)

    def get_success_url(self):
        return _manage_url(self.object.body)

    get_cancel_url = get_success_url

    def on_saved(self, obj):
        messages.success(self.request, _("Die Mitgliedschaft ist gespeichert."))
        return super().on_saved(obj)


class MembershipEndView(ConfirmActionView):
    """End a membership on its last day: from the next day the person has no access to the
    body's internals and is no longer invited or notified. The row stays (history, reports)."""

    capability = "can_edit_content"
    form_class = MembershipEndForm
    heading = gettext_lazy("Mitgliedschaft beenden")
    submit_label = gettext_lazy("Mitgliedschaft beenden")
    submit_style = "danger"
    target_queryset = MEMBERSHIPS

    def get(self, request, *args, **kwargs):
        self.target = self.get_target()
        refusal = services.membership_end_refusal(self.target)
        if refusal:  # a second click, or an old tab: nothing to end
            messages.info(request, refusal)
            return redirect(self.get_cancel_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {**super().get_initial(), "end": self.target.end or timezone.localdate()}

    def get_preline(self):
        return _member_line(self.target)

    def get_cancel_url(self):
        return _manage_url(self.target.body)

    def get_message(self):
        return _(
            "Ab dem Tag nach dem letzten Tag der Mitgliedschaft sieht die Person keine internen "
            "Inhalte des Gremiums mehr (Entwürfe, Sitzungen und Unterlagen, Priorisierungsrunden), "
            "soweit sie nicht eine andere Rolle dazu berechtigt, und erhält keine Einladungen und "
            "Benachrichtigungen mehr dazu. Die Mitgliedschaft bleibt mit ihrer Amtszeit in der "
            "Liste, im Verlauf und in den Berichten erhalten."
        )

    def perform(self, version):
        services.membership_end(
            membership=self.target, end=self.cleaned_data["end"], expected_version=version
        )
        messages.success(
            self.request,
            _("Die Mitgliedschaft endet mit dem %(day)s.")
            % {"day": self.cleaned_data["end"].strftime("%d.%m.%Y")},
        )
        return redirect(self.get_cancel_url())
