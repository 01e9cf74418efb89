"""Accounts: no public sign-up; staff invite people, who then set their own password."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import login_throttle
from .emails import send_templated_mail
from .models import Invitation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts only come from invitations (see `user_invite`).
        return False

    # Login throttling: growing delays per account and address instead of allauth's hard
    # lock after N failures, which anyone could trigger for anyone (ris_portal/login_throttle).
    def pre_authenticate(self, request, **credentials) -> None:
        seconds = login_throttle.wait_seconds(request, _login_of(credentials))
        if seconds > 0:
            raise ValidationError(
                ngettext(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %(seconds)d "
                    "Sekunde und versuchen Sie es dann erneut.",
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %(seconds)d "
                    "Sekunden und versuchen Sie es dann erneut.",
                    seconds,
                )
                % {"seconds": seconds},
                code="too_many_login_attempts",
            )

    def authentication_failed(self, request, **credentials) -> None:
        login_throttle.record_failure(request, _login_of(credentials))

    def login(self, request, user):
        login_throttle.record_success(request, user.email or user.get_username())
        return super().login(request, user)


def _login_of(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


def _set_password_url(user) -> str:
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def user_invite(
    *, email: str, first_name: str, last_name: str, invited_by, group_names: tuple[str, ...] = ()
) -> Invitation:
    """Create an account without password and e-mail the invitee a link to set one."""
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Für diese E-Mail-Adresse besteht bereits ein Konto."))
    user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    for name in group_names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    invitation = Invitation.objects.create(
        user=user, invited_by=invited_by, last_sent_at=timezone.now()
    )
    _send_invitation(invitation)  # queued in the outbox with this transaction
    return invitation


def invitation_resend(*, invitation: Invitation) -> Invitation:
    if invitation.accepted:
        raise ValidationError(_("Die Einladung wurde bereits angenommen."))
    if not invitation.user.is_active:
        # A set-password link for a deactivated account would lead to a login that is refused.
        raise ValidationError(
            _(
                "Das Konto ist deaktiviert. Bitte lassen Sie es zuerst von der Administration "
                "freischalten."
            )
        )
    invitation.sent_count += 1
    invitation.last_sent_at = timezone.now()
    invitation.save(update_fields=["sent_count", "last_sent_at", "updated_at"])
    _send_invitation(invitation)
    return invitation


def _send_invitation(invitation: Invitation) -> None:
    user = invitation.user
    send_templated_mail(
        "emails/invitation",
        to=[user.email],
        context={
            "user": user,
            "invited_by": invitation.invited_by,
            "set_password_url": _set_password_url(user),
            "login_url": f"{settings.SITE_URL}{reverse('account_login')}",
        },
    )
