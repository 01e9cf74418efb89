"""Redis down: login and the public forms keep working, limits fall back and say so."""

import logging
import os

import pytest
from django.urls import reverse

from governance.models import Registration
from ris_portal import cache as resilient
from tests.governance.factories import ForumEventFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "ris_portal.cache.ResilientRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    from django.core.cache import caches

    assert isinstance(caches["default"], resilient.ResilientRedisCache)


def test_login_works_while_redis_is_down(client, cast, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="ris_portal.cache")
    response = client.post(
        reverse("account_login"),
        {"login": cast.ministry.email, "password": "Sicheres-Passwort-1"},
    )
    assert response.status_code == 302
    assert "in-process fallback" in caplog.text
    client.logout()
    wrong = client.post(reverse("account_login"), {"login": cast.staff.email, "password": "falsch"})
    assert wrong.status_code == 200  # the form says so; no 500


@pytest.mark.parametrize("redis", ["up", "down"])
def test_a_public_form_is_limited_per_client_address_with_redis_up_or_down(
    client, settings, request, redis
):
    if redis == "down":
        request.getfixturevalue("redis_down")  # the fallback still counts per client
    settings.RIS_RATE_LIMITS = {**settings.RIS_RATE_LIMITS, "forum_registration": (2, 3600)}
    event = ForumEventFactory()
    url = reverse("governance:event_public", kwargs={"slug": event.slug})
    statuses = [
        client.post(
            url, {"name": f"P{n}", "email": f"p{n}@example.org", "privacy_consent": "on"}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2
    # Another client address still gets through.
    other = client.post(
        url,
        {"name": "Q", "email": "q@example.org", "privacy_consent": "on"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 302


def test_the_fallback_does_not_retry_a_dead_redis_on_every_call(settings, redis_down, monkeypatch):
    from django.core.cache import caches

    backend = caches.create_connection("default")
    calls = []
    real = resilient.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(resilient.RedisCache, "get", counting_get)
    for _ in range(20):
        assert backend.get("x") is None
    assert len(calls) == 1, "after a failure Redis is left alone for a few seconds"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)")
def test_the_resilient_cache_uses_redis_while_it_is_up(settings):
    # settings.REDIS_URL: parallel test processes each probe their own Redis database.
    backend = resilient.ResilientRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "ris-test"})
    backend.set("probe", {"a": 1}, 5)
    assert backend.get("probe") == {"a": 1}
    assert backend._fallback.get("probe") is None
    assert backend.primary_available() is True
    backend.delete("probe")
