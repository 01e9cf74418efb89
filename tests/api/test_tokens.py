"""Tokens: issued to the right roles, hashed, revocable, scoped, rate-limited; and a token reads
by the same state × role rules as the pages of its user."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken
from fields.models import Need, Roadmap
from reports.models import Report
from tests.conftest import client_for

from .world import LOCKED_YEAR, OPEN_YEAR, build_world, statistics_user, token_for

pytestmark = pytest.mark.django_db


def api(raw: str | None = None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}") if raw else Client()


def test_token_is_shown_once_and_only_its_hash_is_stored(cast):
    token, raw = services.token_create(
        user=cast.ministry, name="Referat", scopes=["read"], created_by=cast.staff
    )
    assert raw.startswith("ris_") and len(raw) > 40
    assert raw not in token.key_hash and token.key_hash == services.token_hash(raw)
    assert not ApiToken.objects.filter(prefix=raw).exists()
    assert api(raw).get(reverse("api:need-list")).status_code == 200


@pytest.mark.parametrize("role", ["user", "board", "steering"])
def test_tokens_only_for_staff_ministry_and_statistics_office(cast, role):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.token_create(
            user=cast.for_role(role), name="x", scopes=["read"], created_by=cast.staff
        )


def test_only_staff_and_statistics_office_get_the_write_scope(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.token_create(
            user=cast.ministry,
            name="x",
            scopes=[ApiToken.Scope.WRITE_VALUES],
            created_by=cast.staff,
        )
    token, _raw = services.token_create(
        user=statistics_user(),
        name="TLS",
        scopes=[ApiToken.Scope.WRITE_VALUES],
        created_by=cast.staff,
    )
    assert token.scopes == [ApiToken.Scope.WRITE_VALUES]


def test_revoked_expired_unknown_tokens_and_inactive_users_are_refused(cast):
    token, raw = services.token_create(
        user=cast.ministry, name="x", scopes=["read"], created_by=cast.staff
    )
    url = reverse("api:field-list")
    assert api(raw).get(url).status_code == 200
    services.token_revoke(token=token, user=cast.staff)
    response = api(raw).get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert api("ris_unknown").get(url).status_code == 401
    expired, raw2 = services.token_create(
        user=cast.ministry,
        name="y",
        scopes=["read"],
        created_by=cast.staff,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert api(raw2).get(url).status_code == 401
    _t, raw3 = services.token_create(
        user=cast.staff, name="z", scopes=["read"], created_by=cast.staff
    )
    cast.staff.is_active = False
    cast.staff.save()
    assert api(raw3).get(url).status_code == 401


def test_last_use_is_recorded(cast):
    token, raw = services.token_create(
        user=cast.ministry, name="x", scopes=[], created_by=cast.staff
    )
    api(raw).get(reverse("api:field-list"))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_rate_limit_per_token_answers_429_with_retry_after(cast, settings):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "token": (3, 3600)}
    _t, raw = services.token_create(user=cast.ministry, name="x", scopes=[], created_by=cast.staff)
    client = api(raw)
    url = reverse("api:field-list")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Another client (anonymous, own bucket) is not affected.
    assert api().get(url).status_code == 200


def test_anonymous_rate_limit_counts_per_address(settings):
    settings.API_RATE_LIMITS = {**settings.API_RATE_LIMITS, "anonymous": (2, 3600)}
    url = reverse("api:field-list")
    here, there = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert [here.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert there.get(url).status_code == 200


# --- same rules as the pages ---------------------------------------------------------------------
ROLES = ("staff", "ministry", "statistics", "board", "steering")


def _user(cast, role):
    return statistics_user() if role == "statistics" else cast.for_role(role)


def _page_ok(user, name, **kwargs) -> bool:
    return client_for(Client(), user).get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_token_reads_roadmaps_needs_and_reports_like_the_pages(cast, role):
    world = build_world(cast)
    user = _user(cast, role)
    client = api(token_for(user, "read"))
    for roadmap in Roadmap.objects.all():
        visible = _page_ok(user, "fields:roadmap_public", pk=roadmap.pk) or _page_ok(
            user, "fields:roadmap_detail", pk=roadmap.pk
        )
        if roadmap.is_archived:
            visible = False  # archived rows are never part of the API
        status = client.get(reverse("api:roadmap-detail", args=[roadmap.pk])).status_code
        assert status == (200 if visible else 404), (role, roadmap.title)
    for need in Need.objects.all():
        status = client.get(reverse("api:need-detail", args=[need.pk])).status_code
        page = _page_ok(user, "fields:need_detail", pk=need.pk)
        assert status in ((200,) if page else (403, 404)), (role, need.title, status)
    for report in Report.objects.all():
        status = client.get(reverse("api:report-detail", args=[report.pk])).status_code
        assert (status == 200) == _page_ok(user, "reports:report_detail", pk=report.pk), (
            role,
            report.status,
        )
    years = {
        row["year"] for row in client.get(reverse("api:indicator-value-list")).json()["results"]
    }
    sees_open_years = _page_ok(user, "monitoring:dashboard") or role == "statistics"
    assert years == ({LOCKED_YEAR, OPEN_YEAR} if sees_open_years else {LOCKED_YEAR})
    activities = client.get(reverse("api:activity-list"))
    assert (activities.status_code == 200) == _page_ok(user, "monitoring:activity_list")
    assert world  # the world was built for this role


def test_needs_without_capability_answer_403_with_a_token(cast):
    raw = token_for(statistics_user(), "read")
    assert api(raw).get(reverse("api:need-list")).status_code == 403
