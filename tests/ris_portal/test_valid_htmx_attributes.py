"""htmx attributes are written as valid HTML `data-hx-*` (issue 15: 812 Nu Html Checker errors
came from bare `hx-*` attributes). htmx reads both forms; only the `data-` form is valid HTML."""

import re

from tests.source_scan import lines_matching, project_apps

BARE = re.compile(r"(?<![\w-])hx-[a-z-]+\s*=")


def test_no_template_or_view_writes_a_bare_hx_attribute():
    found = lines_matching(BARE, ("templates", *project_apps()), (".html", ".py"), width=120)
    assert not found, "\n".join(found)
