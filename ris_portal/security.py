"""Security middleware: request-size limits before anything reads the body, CSP and
Permissions-Policy on every response.

Size: CsrfViewMiddleware reads the whole body (request.POST) before any view can refuse it,
so an anonymous 120 MB POST to a public form used to be read in full. This middleware answers
413 from the Content-Length header alone, before the body is touched: anonymous visitors may
send at most `RIS_MAX_ANONYMOUS_BODY` bytes (public forms are short texts), logged-in users
`RIS_MAX_REQUEST_BODY` (the largest upload, a legacy report PDF of up to 100 MB). Gunicorn
limits request lines and headers (gunicorn.conf.py); the reverse proxy should refuse bodies
above the same limit (`client_max_body_size`), see docs/betrieb.md.

CSP: scripts and styles only from our own origin, no 'unsafe-inline' (templates carry no
inline scripts, style elements or style attributes; htmx is told not to inject its indicator
style), no plugins, no framing, forms only to ourselves.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length:
            limit = (
                settings.RIS_MAX_REQUEST_BODY
                if request.user.is_authenticated
                else settings.RIS_MAX_ANONYMOUS_BODY
            )
            if length > limit:
                response = HttpResponse(
                    _("Die Anfrage ist zu groß (höchstens %(mb)s MB).")
                    % {"mb": round(limit / 1024 / 1024, 1)},
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
                # The unread body must not be parsed as the next request on this connection.
                response["Connection"] = "close"
                return response
        return self.get_response(request)


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


CONTENT_SECURITY_POLICY = _policy(
    {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
