"""State of database, cache and broker for `/healthz/`."""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        detail = check()
    except Exception as exc:  # noqa: BLE001 - a health check reports, it never raises
        return {"ok": False, "error": exc.__class__.__name__}
    result = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    if detail:
        result["detail"] = detail
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache():
    if hasattr(cache, "primary_available"):
        # The resilient cache would answer from its fallback: ask Redis itself.
        cache.primary_available()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache read-back failed")
    cache.delete(key)
    return cache.__class__.__name__


def _broker():
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return "redis"


def health_status() -> dict:
    """Each dependency's state; `status` is "ok" or "degraded" (a dependency the setup needs failed).

    Every configured dependency is needed: with REDIS_URL, cache and broker are Redis, and
    without Redis new jobs only wait (the portal keeps serving pages, see ris_portal/cache.py),
    so a load balancer should know.
    """
    status = {"database": _timed(_database), "cache": _timed(_cache), "broker": _timed(_broker)}
    status["status"] = "ok" if all(part["ok"] for part in status.values()) else "degraded"
    return status
