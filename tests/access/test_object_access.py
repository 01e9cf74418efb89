"""Object-level access by state: every object kind × state × role × URL → expected status.

The URL × role matrix (tests/test_url_matrix.py) checks each URL with one object; this test
checks every URL that shows or acts on an object with that object in *each* of its states
(draft, in review, submitted, approved, published, returned, archived, …), in the board
member's own field and in another, for every role of the standard cast. The expected status
comes from the policy in `policy.py` (DESIGN.md section 3), not from what the views do.

A page (or JSON, CSV, calendar) that answers 200 must also not show the marker (a unique word in the title) of any
other object of the same world that the role may not know about: a version switcher listing a
draft, a history entry, a related list.

One test per URL; roles and objects are looped inside, each request rolled back.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for
from tests.test_url_matrix import EXCLUDED_NAMESPACES, EXCLUDED_PREFIXES

from .kinds import KINDS
from .policy import ANONYMOUS, BOARD, ROLES, STEERING
from .urls import OBJECT_KWARGS, URLS, url_name
from .world import World, readable_text


def _object_url_patterns(resolver=None, namespace: str = "") -> dict[str, set[str]]:
    """URL name → its keyword arguments, for every pattern that names an object."""
    resolver = resolver or get_resolver()
    found: dict[str, set[str]] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(_object_url_patterns(pattern, prefix))
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name.startswith(EXCLUDED_PREFIXES):
                continue
            kwargs = set(getattr(pattern.pattern, "converters", {})) | set(
                pattern.pattern.regex.groupindex
            )
            if kwargs & OBJECT_KWARGS:
                found[f"{namespace}{pattern.name}"] = kwargs
    return found


OBJECT_URLS = _object_url_patterns()
SCOPED_ROLES = (BOARD, STEERING)


def test_every_object_url_is_classified():
    classified = {url_name(key) for key in URLS}
    missing = sorted(set(OBJECT_URLS) - classified)
    assert not missing, (
        "URLs that show or act on an object without an entry in tests/access/urls.py "
        f"(name the object kind and the access rule): {missing}"
    )
    stale = sorted(classified - set(OBJECT_URLS))
    assert not stale, f"tests/access/urls.py lists URLs that no longer exist: {stale}"
    unknown = sorted({access.kind for access in URLS.values()} - set(KINDS))
    assert not unknown, f"Unknown object kinds in tests/access/urls.py: {unknown}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_built_in_each_of_its_states(cast, kind):
    world = World(cast)
    KINDS[kind].build(world)
    built = {instance.state for instance in world.instances if instance.kind == kind}
    assert built == set(KINDS[kind].states)


def _kwargs(name: str, access, obj) -> dict:
    if access.kwargs is not None:
        return access.kwargs(obj)
    return {key: getattr(obj, key) for key in OBJECT_URLS[url_name(name)]}


def _roles_for(instance) -> tuple[str, ...]:
    # Objects of another field or body differ only for the roles whose audience has a scope
    # (board members, the steering committee); the rest is checked on the first scope.
    if instance.scope in ("a", "-"):
        return ROLES
    return SCOPED_ROLES


def _leaks(page: str, where: str, role: str, kind, instance, instances, urls) -> list[str]:
    """Other objects of the world that the page names or links to although the role may not
    see them (the object the page is about may name itself)."""
    found = []
    for other in instances:
        if other is instance or kind.visible(role, other.state, other.scope):
            continue
        label = f"{kind.name} {other.state!r} (scope {other.scope})"
        if other.marker and other.marker in page:
            found.append(f"{where}: shows {label}, which this role may not see")
        elif f'href="{urls[id(other)]}"' in page:
            found.append(f"{where}: links to {label}, which this role may not see")
    return found


@pytest.mark.parametrize("name", sorted(URLS))
def test_object_access_by_state_and_role(cast, name):
    access = URLS[name]
    kind = KINDS[access.kind]
    world = World(cast)
    kind.build(world)
    instances = [instance for instance in world.instances if instance.kind == kind.name]
    clients = {role: client_for(Client(), cast.for_role(role)) for role in ROLES}
    login_url = reverse("account_login")
    problems = []
    urls = {id(i): reverse(url_name(name), kwargs=_kwargs(name, access, i.obj)) for i in instances}
    for instance in instances:
        url = urls[id(instance)]
        data = access.data(instance.obj)
        for role in _roles_for(instance):
            cache.clear()  # each role is another visitor: rate-limit counters start afresh
            with transaction.atomic():
                response = getattr(clients[role], access.method)(url, data=data)
                transaction.set_rollback(True)
            where = f"{role} × {kind.name} {instance.state!r} (scope {instance.scope}) {url}"
            expected = access.rule.expected(role, instance.state, instance.scope)
            if response.status_code != expected:
                problems.append(f"{where}: got {response.status_code}, expected {expected}")
                continue
            if expected == 302 and role == ANONYMOUS and access.method == "get":
                if not response["Location"].startswith(login_url):
                    problems.append(f"{where}: redirected to {response['Location']}, not login")
            page = readable_text(response) if response.status_code == 200 else ""
            if page:
                problems += _leaks(page, where, role, kind, instance, instances, urls)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
