"""Absolute links from report lines to the portal pages of their objects (SITE_URL).

A link points to the public page when the object has one today (a published roadmap, an
indicator, a public decision), otherwise to the internal page, which asks for a login.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def indicator_url(indicator) -> str:
    return absolute(reverse("monitoring:indicator_public", kwargs={"code": indicator.code}))


def field_url(field) -> str:
    return absolute(reverse("fields:field_public", kwargs={"slug": field.slug}))


def measure_url(measure, *, public_roadmap_ids: set[int], roadmap_id: int) -> str:
    if roadmap_id in public_roadmap_ids:
        return absolute(reverse("fields:measure_public", kwargs={"pk": measure.pk}))
    return absolute(reverse("fields:measure_detail", kwargs={"pk": measure.pk}))


def roadmap_url(roadmap_id: int, *, public_roadmap_ids: set[int]) -> str:
    if roadmap_id in public_roadmap_ids:
        return absolute(reverse("fields:roadmap_public", kwargs={"pk": roadmap_id}))
    return absolute(reverse("fields:roadmap_detail", kwargs={"pk": roadmap_id}))


def decision_url(decision) -> str:
    """`/gremien/beschluesse/<pk>/`: public decisions for everybody (the report lists only those)."""
    return absolute(reverse("governance:decision_detail", kwargs={"pk": decision.pk}))


def activity_url(activity) -> str:
    return absolute(reverse("monitoring:activity_update", kwargs={"pk": activity.pk}))
