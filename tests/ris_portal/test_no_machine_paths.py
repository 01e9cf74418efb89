"""No absolute path of a developer's machine in the code (issue 15: a benchmark docstring had one).

Usage lines and comments name paths relative to the project root, so they work in every
checkout, the container and CI.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|Users|root|tmp/bash_jobs)/[\w.+-]+")
SCANNED = (
    "bench",
    "ris_portal",
    "fields",
    "governance",
    "monitoring",
    "reports",
    "thread",
    "personal",
    "api",
    "opendata",
    "docs",
)


def test_no_source_file_names_a_developers_machine():
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if (
                path.suffix not in (".py", ".md", ".html", ".txt", ".toml", ".cfg")
                or not path.is_file()
            ):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if MACHINE_PATH.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
