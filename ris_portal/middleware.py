"""Require staff and superusers to protect their account with TOTP (setting REQUIRE_STAFF_MFA);
the messages region after htmx actions."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import roles_for

# Paths a staff member without MFA may still reach: the MFA set-up itself, logout, assets.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz/", "/i18n/", "/media/")


class RequireStaffMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.RIS_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and roles_for(request.user).is_staff
            and not _has_totp(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Als Mitarbeiterin oder Mitarbeiter der Geschäftsstelle müssen Sie die "
                    "Zwei-Faktor-Authentifizierung einrichten, bevor Sie fortfahren können."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class HtmxMessagesMiddleware:
    """After an htmx action the page's messages region shows that action's messages, or none.

    An htmx POST swaps only a part of the page: without this the message of the previous
    full-page request ("Ihre Änderungen wurden gespeichert.") stayed on screen after the next
    action (a stale flash), and a message of the htmx action itself waited for the next page.
    The response gets the messages region as an out-of-band swap (`#ris-messages`). Only for
    POST: a polling GET (report status) must not take away the message of the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.headers.get("HX-Request") == "true"
            and 200 <= response.status_code < 300
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("HX-Redirect")
            and not response.has_header("HX-Refresh")
        ):
            response.content += render_to_string(
                "includes/messages_oob.html",
                {"messages": messages.get_messages(request)},
                request=request,
            ).encode()
        return response
