"""Per-client limits for the public forms (forum registration, accessibility feedback).

Anyone can post these forms, and each post sends an e-mail; without a limit a script could
flood staff or third-party inboxes. Counters live in the cache (Redis in production, so all
web workers share them) in fixed windows per client address. Behind a reverse proxy set
`TRUSTED_PROXY_COUNT` so that the client address is read from X-Forwarded-For (the same
setting protects allauth's login limits).
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _


def client_key(request) -> str:
    """The client address; IPv6 clients count per /64 (one connection owns a whole /64)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


def client_ip(request) -> str:
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.headers.get("x-forwarded-for", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def count_in_window(prefix: str, period: int) -> int:
    """Count one use under `prefix` in the current fixed window of `period` seconds; returns
    the uses so far in this window (the public forms here, the API's throttle)."""
    window = int(time.time() // period)
    key = f"{prefix}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        return 1


def hit(request, action: str) -> bool:
    """Count one use of `action` by this client; False once its limit for the window is used."""
    limit, period = settings.RIS_RATE_LIMITS[action]
    return count_in_window(f"ris-ratelimit:{action}:{client_key(request)}", period) <= limit


class RateLimitedFormMixin:
    """For public FormViews: a valid form over the client's limit is refused with 429.

    Only valid posts count, so a visitor correcting typos is not locked out; the check sits in
    `post()` (not `form_valid()`) so that views keep their own `form_valid()`.
    """

    rate_limit_action = ""

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        if not hit(request, self.rate_limit_action):
            form.add_error(
                None,
                _(
                    "Von Ihrem Anschluss kamen in kurzer Zeit zu viele Anfragen. Bitte versuchen "
                    "Sie es später erneut."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return self.form_valid(form)
