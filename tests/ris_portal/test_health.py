import os

import pytest
from django.urls import reverse

from ris_portal import health


def test_healthz_reports_database_cache_and_broker(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is True
    assert set(body) == {"database", "cache", "broker", "status"}


def test_healthz_answers_503_when_the_database_fails(client, db, monkeypatch):
    def broken():
        raise ConnectionError("database down")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "ConnectionError"}
    assert response.json()["status"] == "degraded"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)")
def test_healthz_pings_the_redis_broker(client, db):
    body = client.get(reverse("healthz")).json()
    assert body["broker"] == {"ok": True, "ms": body["broker"]["ms"], "detail": "redis"}


def test_healthz_answers_503_when_the_configured_broker_is_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503, "the setup needs Redis: a load balancer must know"
    body = response.json()
    assert body["broker"]["ok"] is False
    assert body["database"]["ok"] is True
    assert body["status"] == "degraded"
    assert set(body) == {"database", "cache", "broker", "status"}


def test_healthz_reports_the_redis_cache_down_although_the_fallback_answers(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "ris_portal.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["cache"]["ok"] is False


def test_the_liveness_path_needs_no_dependency(client, monkeypatch):
    def broken():
        raise ConnectionError("database down")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get(reverse("healthz_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)")
def test_redis_cache_round_trip(settings):
    from django.core.cache.backends.redis import RedisCache

    # settings.REDIS_URL: parallel test processes each probe their own Redis database.
    cache = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "ris-test"})
    cache.set("probe", {"a": 1}, 5)
    assert cache.get("probe") == {"a": 1}
    cache.delete("probe")
