"""Accounts: invitations instead of sign-up, password reset, MFA for staff, rate limits."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from ris_portal.models import Invitation
from ris_portal.roles import GROUP_STAFF

from ..conftest import client_for
from ..factories import TotpAuthenticatorFactory

pytestmark = pytest.mark.django_db


def test_public_signup_is_closed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "Sehr-Geheim-123",
            "password2": "Sehr-Geheim-123",
        },
    )
    assert not get_user_model().objects.filter(email="neu@example.org").exists()
    assert response.status_code == 200
    assert "signup_closed" in " ".join(t.name for t in response.templates if t.name)


def test_staff_invitation_creates_account_and_invitee_sets_password(
    client, cast, django_capture_on_commit_callbacks
):
    client_for(client, cast.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitation_create"),
            {
                "email": "Neue.Person@Example.org",
                "first_name": "Nora",
                "last_name": "Neu",
                "group": GROUP_STAFF,
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="neue.person@example.org")
    assert not user.has_usable_password()
    assert user.groups.filter(name=GROUP_STAFF).exists()
    assert Invitation.objects.get(user=user).invited_by == cast.staff
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["neue.person@example.org"]
    assert "Sie" in message.body
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path
    done = client.post(
        set_url, {"password1": "Mein-Neues-Passwort-7", "password2": "Mein-Neues-Passwort-7"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.has_usable_password()
    assert Invitation.objects.get(user=user).accepted
    login = client.post(
        reverse("account_login"),
        {"login": "neue.person@example.org", "password": "Mein-Neues-Passwort-7"},
    )
    assert login.status_code == 302


def test_inviting_an_existing_address_is_refused(client, cast):
    client_for(client, cast.staff)
    response = client.post(
        reverse("invitation_create"),
        {"email": cast.ministry.email, "first_name": "X", "last_name": "Y", "group": ""},
    )
    assert response.status_code == 200
    assert "bereits ein Konto" in response.content.decode()


def test_an_invitation_to_a_deactivated_account_is_not_sent_again(
    client, cast, django_capture_on_commit_callbacks
):
    from ris_portal import accounts

    with django_capture_on_commit_callbacks(execute=True):
        invitation = accounts.user_invite(
            email="weg@example.org", first_name="W", last_name="Weg", invited_by=cast.staff
        )
    invitation.user.is_active = False
    invitation.user.save()
    mail.outbox.clear()
    client_for(client, cast.staff)
    listing = client.get(reverse("invitation_list")).content.decode()
    assert "offen – Konto deaktiviert" in listing  # no button that can only fail
    assert reverse("invitation_resend", args=[invitation.pk]) not in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invitation_resend", args=[invitation.pk]), follow=True)
    assert "Das Konto ist deaktiviert." in response.content.decode()
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.sent_count == 1


def test_password_reset_does_not_reveal_whether_an_account_exists(client, cast):
    known = client.post(reverse("account_reset_password"), {"email": cast.ministry.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_page_uses_formal_german(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "Passwort vergessen?" in html
    assert not re.search(r"\b(du|dein|deine|dich)\b", html, re.IGNORECASE)


@pytest.mark.parametrize(
    ("language", "sign_up", "by_invitation"),
    [("de", "registrieren", "auf Einladung"), ("en", "sign up", "by invitation")],
)
def test_login_page_says_accounts_are_by_invitation_and_offers_no_sign_up(
    client, language, sign_up, by_invitation
):
    client.cookies["django_language"] = language
    main = client.get(reverse("account_login")).content.decode()
    main = main[main.index("<main") : main.index("</main>")]
    assert sign_up not in main.lower()
    assert reverse("account_signup") not in main
    assert by_invitation in main


@pytest.mark.parametrize(("language", "forgot"), [("de", "Passwort vergessen?"), ("en", "Forgot")])
def test_forgotten_password_link_is_not_between_the_password_label_and_its_field(
    client, language, forgot
):
    client.cookies["django_language"] = language
    html = client.get(reverse("account_login")).content.decode()
    label = html.index('for="id_password"')
    field = html.index('id="id_password"', label)
    link = html.index(reverse("account_reset_password"))
    assert forgot in html[link:]
    assert link > field  # after the field, not between its label and the field
    assert 'aria-describedby="id_password_hint"' not in html


class TestStaffMfa:
    @pytest.fixture(autouse=True)
    def _require_mfa(self, settings):
        settings.RIS_REQUIRE_STAFF_MFA = True

    def test_staff_without_totp_are_sent_to_mfa_setup(self, client, cast):
        client_for(client, cast.staff)
        response = client.get(reverse("feedback_inbox"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")

    def test_staff_with_totp_pass(self, client, cast):
        TotpAuthenticatorFactory(user=cast.staff)
        client_for(client, cast.staff)
        assert client.get(reverse("feedback_inbox")).status_code == 200

    def test_other_roles_are_not_forced(self, client, cast):
        client_for(client, cast.ministry)
        assert client.get(reverse("home")).status_code == 200
