"""Absolute links from report lines to the portal pages of their objects (SITE_URL).

A link points to the public page when the object has one today (a published roadmap, an
indicator, a public decision), otherwise to the internal page, which asks for a login.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_PK = 987654321  # stands for the pk in a cached URL pattern


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@cache
def _pattern(name: str, urlconf, prefix: str) -> str:
    return reverse(name, kwargs={"pk": _PK}, urlconf=urlconf)


def _pk_path(name: str, pk: int) -> str:
    """`reverse(name, kwargs={"pk": pk})` without resolving it again for every line.

    A report links thousands of activities and measures (every CSV line has a link); the URL
    pattern is resolved once per URL configuration and script prefix and the pk put in.
    """
    return _pattern(name, get_urlconf(), get_script_prefix()).replace(str(_PK), str(int(pk)))


def indicator_url(indicator) -> str:
    return absolute(_code_path(indicator.code, get_urlconf(), get_script_prefix()))


@cache
def _code_path(code: str, urlconf, prefix: str) -> str:
    return reverse("monitoring:indicator_public", kwargs={"code": code}, urlconf=urlconf)


@receiver(setting_changed)
def _clear(*, setting, **kwargs) -> None:
    """Tests that swap the URL configuration get fresh links."""
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
        _code_path.cache_clear()


def field_url(field) -> str:
    return absolute(reverse("fields:field_public", kwargs={"slug": field.slug}))


def measure_url(measure, *, public_roadmap_ids: set[int], roadmap_id: int) -> str:
    if roadmap_id in public_roadmap_ids:
        return absolute(_pk_path("fields:measure_public", measure.pk))
    return absolute(_pk_path("fields:measure_detail", measure.pk))


def roadmap_url(roadmap_id: int, *, public_roadmap_ids: set[int]) -> str:
    if roadmap_id in public_roadmap_ids:
        return absolute(_pk_path("fields:roadmap_public", roadmap_id))
    return absolute(_pk_path("fields:roadmap_detail", roadmap_id))


def decision_url(decision) -> str:
    """`/gremien/beschluesse/<pk>/`: public decisions for everybody (the report lists only those)."""
    return absolute(_pk_path("governance:decision_detail", decision.pk))


def activity_url(activity) -> str:
    return absolute(_pk_path("monitoring:activity_update", activity.pk))


def activity_url_maker():
    """`activity_url` for a long loop: the URL configuration is looked up once, not per call
    (a field chapter at 30× data links about 15,000 activities)."""
    pattern = absolute(_pattern("monitoring:activity_update", get_urlconf(), get_script_prefix()))
    marker = str(_PK)
    return lambda activity: pattern.replace(marker, str(int(activity.pk)))
