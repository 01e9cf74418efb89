"""Rate limits: per client address without a token, per token with one (settings.API_RATE_LIMITS).

Counters live in the cache (Redis in production, shared by all web workers), in fixed windows,
with the same client-address rule as the portal's public forms (`ris_portal.ratelimit`).
"""

import time

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from ris_portal.ratelimit import client_key, count_in_window

from .models import ApiToken


def _hit(key: str, limit: int, period: int) -> tuple[bool, int]:
    count = count_in_window(f"ris-api-ratelimit:{key}", period)
    return count <= limit, period - int(time.time()) % period


class ApiRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            buckets = [("token", f"token:{token.pk}")]
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                buckets.append(("write", f"write:{token.pk}"))
        else:
            buckets = [("anonymous", f"anon:{client_key(request)}")]
        self._wait = None
        for kind, key in buckets:
            limit, period = settings.API_RATE_LIMITS[kind]
            allowed, remaining = _hit(key, limit, period)
            if not allowed:
                self._wait = remaining
                return False
        return True

    def wait(self):
        return self._wait
