"""No absolute path of a developer's machine in the code (issue 15: a benchmark docstring had one).

Usage lines and comments name paths relative to the project root, so they work in every
checkout, the container and CI.
"""

import re

from tests.source_scan import lines_matching, project_apps

MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|Users|root|tmp/bash_jobs)/[\w.+-]+")
SUFFIXES = (".py", ".md", ".html", ".txt", ".toml", ".cfg")


def test_no_source_file_names_a_developers_machine():
    found = lines_matching(MACHINE_PATH, ("bench", *project_apps(), "docs"), SUFFIXES)
    assert not found, "\n".join(found)
