"""Pages of the personal area: "Meine Aufgaben", notifications, settings, unsubscribe, feed."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import FormView, TemplateView

from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.roles import roles_for

from . import notifications, selectors, services
from .calendar import personal_calendar
from .forms import NotificationSettingsForm
from .models import Kind, NotificationSettings


class TasksView(CapabilityRequiredMixin, TemplateView):
    """„Meine Aufgaben“: the start page after login, per role."""

    template_name = "personal/tasks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        sections = [s.load() for s in selectors.task_sections(user, self.roles)]
        context["sections"] = [s for s in sections if s.entries]
        context["task_total"] = sum(len(s.entries) for s in context["sections"])
        context["unread"] = list(selectors.unread_notifications(user)[:10])
        context["meetings"] = selectors.meetings_with_reply(user, self.roles)[:10]
        return context


def task_count(request):
    """The badge of "Meine Aufgaben" in the navigation (open tasks + unread notifications)."""
    if not request.user.is_authenticated:
        return HttpResponse("")
    roles = roles_for(request.user)
    count = selectors.task_count(request.user, roles)
    response = render(request, "personal/fragment_task_count.html", {"count": count})
    response["Cache-Control"] = "private, no-store"
    return response


class NotificationListView(CapabilityRequiredMixin, TemplateView):
    template_name = "personal/notifications.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.notifications_of(self.request.user), 25).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["notifications"] = page.object_list
        return context


@require_POST
@capability_required("is_authenticated")
def notifications_read(request):
    count = notifications.notifications_mark_read(user=request.user)
    messages.success(
        request, _("%(count)s Benachrichtigungen als gelesen markiert.") % {"count": count}
    )
    # Back to the page the button was on ("Meine Aufgaben" or the list), never off the portal.
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "personal:notifications"
    return redirect(next_url)


class SettingsView(CapabilityRequiredMixin, FormView):
    template_name = "personal/settings.html"
    form_class = NotificationSettingsForm

    def get_initial(self):
        prefs = notifications.settings_for(self.request.user)
        return {
            "delivery": prefs.delivery,
            "email_kinds": [k for k in Kind.values if prefs.emails_kind(k)],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefs = notifications.settings_for(self.request.user)
        context["prefs"] = prefs
        if prefs.calendar_token:
            from django.urls import reverse

            context["feed_url"] = self.request.build_absolute_uri(
                reverse("personal:calendar_feed", kwargs={"token": prefs.calendar_token})
            )
        return context

    def form_valid(self, form):
        services.notification_settings_update(
            user=self.request.user,
            delivery=form.cleaned_data["delivery"],
            email_kinds=form.cleaned_data["email_kinds"],
        )
        messages.success(self.request, _("Ihre Einstellungen sind gespeichert."))
        return redirect("personal:settings")


@require_POST
@capability_required("is_authenticated")
def calendar_token(request):
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(
            request, _("Die Kalenderadresse ist gelöscht und funktioniert nicht mehr.")
        )
    else:
        services.calendar_token_renew(user=request.user)
        messages.success(
            request,
            _(
                "Ihre neue Kalenderadresse ist erstellt. Eine frühere Adresse funktioniert nicht mehr."
            ),
        )
    return redirect("personal:settings")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """One-click unsubscribe from one kind of e-mail (a digest's link: its kinds), from the e-mail.

    No login: the signed link is the proof. A GET only shows the button (mail scanners follow
    links), the POST unsubscribes; muting a muted kind again changes nothing. No CSRF token
    either: mail programs POST `List-Unsubscribe=One-Click` to the URL of the mail's
    `List-Unsubscribe` header without a session (RFC 8058), and a forged request would need
    the signed token, which only the recipient has.
    """
    found = notifications.unsubscribe_read(token)
    if found is None:
        raise Http404
    user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if user is None:
        raise Http404
    kinds = [Kind(value) for value in found[1]]
    done = request.method == "POST"
    if done:
        for kind in kinds:
            notifications.kind_mute(user=user, kind=kind)
    return render(
        request,
        "personal/unsubscribe.html",
        {"kind": kinds[0], "kinds": kinds, "done": done, "token": token},
    )


def calendar_feed(request, token: str):
    """The personal iCalendar feed: meetings, forum events and deadlines of one person."""
    prefs = (
        NotificationSettings.objects.select_related("user")
        .filter(calendar_token=token, user__is_active=True)
        .exclude(calendar_token="")
        .first()
    )
    if prefs is None or len(token) < 20:
        raise Http404
    body = personal_calendar(prefs.user, roles_for(prefs.user), request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ris-portal.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
