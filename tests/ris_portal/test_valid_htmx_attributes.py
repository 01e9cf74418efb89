"""htmx attributes are written as valid HTML `data-hx-*` (issue 15: 812 Nu Html Checker errors
came from bare `hx-*` attributes). htmx reads both forms; only the `data-` form is valid HTML."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE = re.compile(r"(?<![\w-])hx-[a-z-]+\s*=")
SOURCES = (
    "templates",
    "fields",
    "governance",
    "monitoring",
    "reports",
    "ris_portal",
    "thread",
    "personal",
    "api",
    "opendata",
)


def test_no_template_or_view_writes_a_bare_hx_attribute():
    found = []
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in (".html", ".py") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if BARE.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "\n".join(found)
