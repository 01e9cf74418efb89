"""Shared fixtures: settings for tests and the standard cast of users (one per role)."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from governance.models import Body
from ris_portal.roles import GROUP_MINISTRY, GROUP_STAFF

from .factories import BodyFactory, FieldFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RIS_REQUIRE_STAFF_MFA = False
    # Tasks run inline (eager), not in a background thread: tests assert their results.
    settings.RIS_TASKS_IN_THREAD = False
    # A test that simulated a broker outage must not pause publishing for the next one.
    from ris_portal.jobs import broker_pause_reset

    broker_pause_reset()
    # Each test gets a fresh in-memory cache (rate-limit counters must not leak between tests);
    # tests that exercise Redis itself connect to REDIS_URL explicitly.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Cleared here, after the switch: the in-memory store is shared by all tests of the process
    # (clearing before the switch would empty the configured cache, Redis in CI, instead).
    from django.core.cache import cache

    cache.clear()
    # Uploaded and generated files (documents, report PDFs) stay in memory: tests never write
    # to var/media. The real-worker test switches to a per-test folder it shares with the worker.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _flush_with_delete():
    """After a transactional test (browser, live server, real worker), PostgreSQL empties the
    tables with DELETE instead of Django's TRUNCATE: same result (empty tables, sequences kept),
    but TRUNCATE gives each of the ~110 tables new files and took 2.4 s per test against 0.1 s.

    Django creates every foreign key DEFERRABLE INITIALLY DEFERRED and the flush runs in one
    transaction, so the order of the tables does not matter.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(table)};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in-process in tests; the worker test in CI starts a real worker instead."""
    from ris_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class Cast:
    """The standard cast: one user per role, plus two fields with their boards.

    `board` is a member of the board of `field_a` only; `field_b` is out of their scope.
    """

    field_a: object
    field_b: object
    board_a: object
    board_b: object
    lenkungskreis: object
    anonymous: object
    user: object  # logged in, no role (e.g. an accepted invitation without membership yet)
    board: object
    steering: object
    ministry: object
    staff: object
    superuser: object

    ROLES = ("anonymous", "user", "board", "steering", "ministry", "staff", "superuser")

    def for_role(self, role: str):
        return getattr(self, role)


@pytest.fixture
def cast(db) -> Cast:
    field_a = FieldFactory(name="Feld A", slug="feld-a", code="FA", order=1)
    field_b = FieldFactory(name="Feld B", slug="feld-b", code="FB", order=2)
    board_a = BodyFactory(field=field_a, slug="beirat-a", name="Strategiebeirat A")
    board_b = BodyFactory(field=field_b, slug="beirat-b", name="Strategiebeirat B")
    lenkungskreis = BodyFactory(
        kind=Body.Kind.STEERING,
        field=None,
        slug="lenkungskreis",
        name="Lenkungskreis RIS Thüringen",
    )
    board = UserFactory(username="beirat@example.org", first_name="Bernd", last_name="Beirat")
    MembershipFactory(body=board_a, user=board)
    steering = UserFactory(username="lk@example.org", first_name="Lena", last_name="Lenk")
    MembershipFactory(body=lenkungskreis, user=steering)
    return Cast(
        field_a=field_a,
        field_b=field_b,
        board_a=board_a,
        board_b=board_b,
        lenkungskreis=lenkungskreis,
        anonymous=AnonymousUser(),
        user=UserFactory(username="ohne-rolle@example.org"),
        board=board,
        steering=steering,
        ministry=UserFactory(username="min@example.org", groups=[GROUP_MINISTRY]),
        staff=UserFactory(username="thcm@example.org", groups=[GROUP_STAFF]),
        superuser=UserFactory(username="admin@example.org", is_superuser=True, is_staff=True),
    )


def client_for(client, user):
    """Log `user` into the Django test client (anonymous stays logged out)."""
    if user is not None and user.is_authenticated:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
