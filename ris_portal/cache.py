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

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds


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

    # --- the cache API ------------------------------------------------------------------------
    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        self._fallback.clear()
        return self._call("clear")
