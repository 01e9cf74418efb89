"""`Authorization: Bearer <token>`: the only way to authenticate against the API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in (b"bearer", b"token"):
            return None  # anonymous: public data
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ungültiger Authorization-Header."))
        try:
            raw = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("Ungültiges Token.")) from error
        token = services.token_authenticate(raw)
        if token is None:
            # Unknown, revoked or expired: say so (falling back to public data would hide it).
            raise exceptions.AuthenticationFailed(
                _("Das Token ist ungültig, abgelaufen oder widerrufen.")
            )
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API-Zugangstoken (beginnt mit `ris_`), ausgestellt von der "
            "RIS-Geschäftsstelle.",
        }
