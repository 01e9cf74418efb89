"""Every URL of the portal × every role: the status code each role must get.

Fails when a URL pattern has no entry (add it to `tests/<app>/url_matrix.py`), when an entry
lacks a role, or when anonymous visitors of a non-public page get anything but 302-to-login/404.
"""

from importlib import import_module

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import client_for
from .matrix import ROLES

MATRIX_MODULES = (
    "tests.ris_portal.url_matrix",
    "tests.fields.url_matrix",
    "tests.governance.url_matrix",
    "tests.monitoring.url_matrix",
    "tests.reports.url_matrix",
    "tests.thread.url_matrix",
    "tests.api.url_matrix",
    "tests.opendata.url_matrix",
    "tests.personal.url_matrix",
)
# Third-party URL sets with their own tests upstream; the admin is checked separately below.
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_PREFIXES = ("account_", "mfa_", "set_language", "usersessions_")


def _modules():
    modules = []
    for name in MATRIX_MODULES:
        try:
            modules.append(import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def _cases():
    return [(module, case) for module in _modules() for case in module.CASES]


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            names |= _url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name.startswith(EXCLUDED_PREFIXES):
                continue
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_matrix_entry():
    covered = {case.name for _module, case in _cases()}
    missing = sorted(_url_names() - covered)
    assert not missing, f"URLs without an entry in tests/<app>/url_matrix.py: {missing}"


@pytest.mark.parametrize("case", [case for _m, case in _cases()], ids=lambda c: c.id)
def test_matrix_entry_is_complete_and_safe(case):
    assert set(case.expect) == set(ROLES), f"{case.id}: every role needs an expected status"
    anonymous = case.expect["anonymous"]
    if case.expect["user"] != 200 or case.expect["board"] != 200:
        # Not public: anonymous visitors are sent to the login page or see nothing; the API
        # has no login page and answers 401 (token missing) instead of a redirect.
        allowed = (302, 404, 401) if case.name.startswith("api:") else (302, 404)
        assert anonymous in allowed, f"{case.id}: anonymous must get {allowed}"


@pytest.mark.parametrize(("module", "case"), _cases(), ids=lambda value: getattr(value, "id", ""))
def test_url_answers_each_role_as_expected(cast, module, case):
    """One test per URL: every role in turn, each request rolled back so POSTs don't leak."""
    world = module.world(cast) if hasattr(module, "world") else {}
    url = reverse(case.name, kwargs=case.kwargs(cast, world)) + case.query
    data = case.data(cast, world)
    mismatches = []
    for role in ROLES:
        cache.clear()  # each role is another visitor: rate-limit counters start afresh
        client = client_for(Client(), cast.for_role(role))
        with transaction.atomic():
            response = getattr(client, case.method)(url, data=data)
            transaction.set_rollback(True)
        expected = case.expect[role]
        if response.status_code != expected:
            mismatches.append(f"{role}: got {response.status_code}, expected {expected}")
        elif role == "anonymous" and expected == 302 and case.method == "get":
            if not response["Location"].startswith(reverse("account_login")):
                mismatches.append(f"anonymous: redirected to {response['Location']}, not login")
    assert not mismatches, f"{case.method.upper()} {url}: " + "; ".join(mismatches)


def test_admin_is_for_superusers_only(client, cast):
    url = reverse("admin:index")
    final = client.get(url, follow=True).redirect_chain[-1][0]
    assert final.startswith(reverse("account_login"))
    client_for(client, cast.staff)
    assert client.get(url, follow=True).status_code == 403
    client.logout()
    client_for(client, cast.superuser)
    assert client.get(url).status_code == 200
