"""The Redis cache, with a local fallback while Redis is unreachable.

The cache holds only what can be rebuilt: rate-limit counters (ours and allauth's login
limits) and cached fragments. When Redis is down, a request must not fail because of it
(login, the public forms), so every cache call falls back to a per-process in-memory cache
and says so in the log. Rate limits then count per web process instead of across all of them:
weaker, never absent. After a failure Redis is left alone for `RETRY_AFTER` seconds, so that a
dead Redis costs one connection timeout per process and interval, not one per call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds


def _tried(name: str) -> Callable[..., Any]:
    """A cache method that goes through `ResilientRedisCache._call`."""

    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    method.__name__ = name
    return method


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"ris-fallback-{id(self)}", {"TIMEOUT": self.default_timeout})
        self._down_until = 0.0
        self._lock = threading.Lock()

    # --- state -----------------------------------------------------------------------------
    def primary_available(self) -> bool:
        """Ask Redis itself (for the health check); raises while Redis is unreachable."""
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]
        return bool(client.ping())

    def _use_primary(self) -> bool:
        return time.monotonic() >= self._down_until

    def _mark_down(self, error: BaseException) -> None:
        with self._lock:
            was_up = self._down_until == 0.0
            self._down_until = time.monotonic() + RETRY_AFTER
        if was_up:
            logger.warning(
                "Redis cache unreachable (%s: %s): using the in-process fallback; rate limits "
                "now count per web process.",
                type(error).__name__,
                error,
            )

    def _mark_up(self) -> None:
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            logger.warning("Redis cache reachable again: back from the in-process fallback.")

    def _call(self, name: str, *args, **kwargs):
        if self._use_primary():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._mark_down(error)
            else:
                self._mark_up()
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    # --- the cache API: each call tries Redis, then the fallback (see `_call`) -------------
    add = _tried("add")
    get = _tried("get")
    set = _tried("set")
    touch = _tried("touch")
    delete = _tried("delete")
    get_many = _tried("get_many")
    has_key = _tried("has_key")
    incr = _tried("incr")
    set_many = _tried("set_many")
    delete_many = _tried("delete_many")

    def clear(self):
        self._fallback.clear()
        return self._call("clear")
