"""Line-by-line scans of the project's own source tree, for tests that forbid a pattern in it.

The project's apps are read from INSTALLED_APPS (those that live in this repository), so a new
app is scanned without anybody remembering to add it to each test.
"""

import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def project_apps() -> tuple[str, ...]:
    return tuple(app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists())


def lines_matching(
    pattern: re.Pattern, tops: Iterable[str], suffixes: Iterable[str], width: int | None = None
) -> list[str]:
    """`path:line: text` (text cut to `width`) of every line below `tops` that `pattern` finds."""
    found = []
    for top in tops:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in suffixes or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:width]}")
    return found
