"""The embedded setup (`make run`: SQLite, tasks in-process) serves the demo without errors.

The suite runs on PostgreSQL; a query that only PostgreSQL accepts (an ORDER BY inside a
UNION) once broke every meeting page of `make run` while all tests passed. This test migrates
and seeds a fresh SQLite database in a subprocess, as `make run` does, and follows the links of
the demo for four roles with the crawl of `tests/personal/test_link_crawl.py`: a server error
on any page, or a link that answers 403/404, fails it.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CRAWL = """
import sys
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from ris_portal.seed import DEMO_ACCOUNTS
from tests.personal.test_link_crawl import _crawl

settings.ALLOWED_HOSTS.append("testserver")
failures = []
for key in ("anonymous", "staff", "board", "steering"):
    client = Client()
    if key != "anonymous":
        email = next(a.email for a in DEMO_ACCOUNTS if a.key == key)
        client.force_login(get_user_model().objects.get(username=email))
    broken, visited = _crawl(client)  # a server error raises here
    print(key, visited, "pages")
    failures += [f"{key}: {url} - {why}" for url, why in sorted(broken.items())]
print("\\n".join(failures))
sys.exit(1 if failures else 0)
"""


def test_the_embedded_setup_serves_the_demo_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DATABASE_URL"] = f"sqlite://{tmp_path}/db.sqlite3"

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    for args in (("migrate", "--no-input", "-v0"), ("seed_demo",)):
        done = manage(*args)
        assert done.returncode == 0, done.stderr[-3000:]
    crawl = manage("shell", "-c", CRAWL)
    assert crawl.returncode == 0, crawl.stdout[-3000:] + crawl.stderr[-5000:]
    assert "staff" in crawl.stdout  # the crawl ran
