"""Lists, dashboards, search and start pages show only objects the role may see.

One world with every object kind in every state (tests/access/world.py); every page without
an object in its URL (and a few filter variants) is requested as every role of the standard
cast, and no page may name an object (by its marker) outside the role's audience: a draft
goal in the goal list of the steering committee, a candidate theme in the public search, a
foreign board's meeting on "Meine Gremien", a draft roadmap in the API's list of roadmaps
(JSON, CSV and calendar answers are read like pages).
"""

from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for
from tests.test_url_matrix import EXCLUDED_NAMESPACES, EXCLUDED_PREFIXES

from .kinds import KINDS
from .policy import ROLES
from .world import World, readable_text

# Filters that bring other objects onto a list page (archived ones, other views, search).
VARIANTS = {
    "fields:search": ["?q=Qz"],
    "fields:theme_list": ["?archived=on"],
    "fields:network_list": ["?archived=on"],
    "fields:need_list": ["?archived=on"],
    "fields:roadmap_list": ["?archived=on"],
    "fields:measure_list": ["?archived=on"],
    "governance:approval_list": ["?ansicht=einreichen", "?ansicht=veroeffentlichen"],
    "governance:event_list": ["?zeit=vergangen"],
    "reports:report_workspace": ["?status=fehlgeschlagen"],
}


def _pages(resolver=None, namespace: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += _pages(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name.startswith(EXCLUDED_PREFIXES) or pattern.pattern.regex.groups:
                continue
            names.append(f"{namespace}{pattern.name}")
    return names


def test_pages_without_an_object_show_only_what_the_role_may_see(cast):
    world = World(cast)
    for kind in KINDS.values():
        kind.build(world)
    urls = []
    for name in _pages():
        try:
            url = reverse(name)
        except Exception:  # a pattern that needs arguments after all (regex without groups)
            continue
        urls += [url] + [url + query for query in VARIANTS.get(name, [])]
    problems = []
    for role in ROLES:
        client = client_for(Client(), cast.for_role(role))
        for url in urls:
            cache.clear()
            response = client.get(url)
            page = readable_text(response) if response.status_code == 200 else ""
            if not page:
                continue
            for instance in world.instances:
                if not instance.marker or instance.marker not in page:
                    continue
                kind = KINDS[instance.kind]
                if not kind.visible(role, instance.state, instance.scope):
                    problems.append(
                        f"{role} {url}: shows {instance.kind} {instance.state!r} "
                        f"(scope {instance.scope}), which this role may not see"
                    )
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
