"""The heading outline of a rendered page, as the Nu Html Checker judges it."""

import re

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)


def skipped_heading_levels(html: str) -> list[str]:
    """Headings that go down more than one level from the previous one (h1 → h3).

    The Nu checker reports each as an error ("skipping 1 heading level"); so does axe
    (heading-order) once the page is scanned in a browser.
    """
    skipped, previous = [], 0
    for level_text, text in _HEADING.findall(html):
        level = int(level_text)
        if previous and level > previous + 1:
            label = re.sub(r"<[^>]+>", "", text).strip()
            skipped.append(f"h{previous} → h{level} {label!r}")
        previous = level
    return skipped
