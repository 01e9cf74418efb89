"""No role is shown a link it cannot open: crawl the demo data per role, fail on 403/404.

The Django test client starts at the home page and "Meine Aufgaben", follows every same-origin
link (`href`) of every page it gets, and records each link that answers 403 or 404 together with
the page that showed it. To stay fast, at most a few URLs per URL name are visited (the links
of one kind are built by the same template code), and downloads are requested but not parsed.
"""

import re
from collections import defaultdict, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from ris_portal.seed import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

PER_URL_NAME = 3
SKIP_PREFIXES = ("/static/", "/admin/", "/accounts/logout/", "/i18n/")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def demo(db):
    from ris_portal.seed import seed_all

    seed_all()


def _crawl(client: Client) -> tuple[dict, int]:
    queue = deque([("/", "(start)"), ("/aufgaben/", "(start)")])
    seen: set[str] = set()
    per_name: dict[str, int] = defaultdict(int)
    broken: dict[str, str] = {}
    while queue:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            broken[url] = f"{source} (no such URL)"
            continue
        if per_name[name] >= PER_URL_NAME:
            continue
        per_name[name] += 1
        response = client.get(url)
        if response.status_code in (403, 404) and source != "(start)":
            broken[url] = f"{response.status_code} linked from {source}"
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # other origins, mailto:, relative anchors
            if href.startswith(SKIP_PREFIXES):
                continue
            queue.append((href, url))
    return broken, len(seen)


@pytest.mark.parametrize("key", ["anonymous", *[a.key for a in DEMO_ACCOUNTS]])
def test_no_page_links_to_a_page_the_role_cannot_open(demo, key):
    client = Client()
    if key != "anonymous":
        email = next(a.email for a in DEMO_ACCOUNTS if a.key == key)
        client.force_login(get_user_model().objects.get(username=email))
    broken, visited = _crawl(client)
    assert visited > 20, f"{key}: the crawl found too few pages ({visited})"
    assert not broken, f"{key}: links that answer 403/404:\n" + "\n".join(
        f"  {url} – {why}" for url, why in sorted(broken.items())
    )
