"""Require staff and superusers to protect their account with TOTP (setting REQUIRE_STAFF_MFA)."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
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
