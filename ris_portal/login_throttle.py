"""Login throttling with growing delays, per account and per client address.

A hard lock after N wrong passwords lets anyone lock anyone out (five guesses lock the
ministry's account), and a per-address lock blocks a whole office behind one NAT. Instead,
after a few free failures every further failure makes the next attempt wait a little longer
(1, 2, 4, … seconds) up to a cap: guessing becomes slow, while the real person waits at most
the cap and then logs in. The address gets many more free failures than an account, so
colleagues behind one NAT do not slow each other down with a few typos. Attempts refused
because of a delay do not count. Counters live in the cache (Redis, with the local fallback of
`ris_portal.cache`) and expire an hour after the last failure; a successful login clears the
account's counter.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from .ratelimit import client_key

COUNTER_TTL = 3600  # seconds after the last failure


def _keys(request, login: str) -> dict[str, str]:
    account = hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]
    return {
        "account": f"ris-login-fail:account:{account}",
        "address": f"ris-login-fail:address:{client_key(request)}",
    }


def delay_for(failures: int, *, free: int, cap: int) -> int:
    """Seconds to wait after `failures` failures: 0 for the free ones, then doubling."""
    if failures <= free:
        return 0
    return min(cap, 2 ** (failures - free - 1))


def wait_seconds(request, login: str) -> int:
    """How long this client must still wait before trying `login` again (0: go ahead)."""
    now = time.time()
    waits = [0.0]
    for scope, key in _keys(request, login).items():
        state = cache.get(key)
        if not state:
            continue
        free, cap = settings.RIS_LOGIN_THROTTLE[scope]
        delay = delay_for(state["count"], free=free, cap=cap)
        waits.append(state["last"] + delay - now)
    return math.ceil(max(waits))


def record_failure(request, login: str) -> None:
    now = time.time()
    for key in _keys(request, login).values():
        state = cache.get(key) or {"count": 0, "last": now}
        cache.set(key, {"count": state["count"] + 1, "last": now}, COUNTER_TTL)


def record_success(request, login: str) -> None:
    cache.delete(_keys(request, login)["account"])
