"""Template filters of the PDF templates only (the web pages keep their charts inline)."""

import base64
import re
from html import escape, unescape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)


@register.filter
def pdf_image(svg: str) -> SafeString:
    """An inline SVG chart as `<img src="data:image/svg+xml;base64,…" alt="<title>">`.

    Why: WeasyPrint computes CSS styles for every element of the HTML tree, including each
    `<text>`, `<rect>` and `<circle>` of an inline SVG, and tags them one by one; as an image
    the chart is parsed by its SVG renderer only. The 10× benchmark report (52 charts) lays out
    and writes about a third faster, and the pages look the same (compared as images). The tagged
    PDF keeps a Figure whose /Alt is the chart's `<title>`, as with the inline SVG; the data
    table below every chart stays the full text alternative.
    """
    title = _TITLE.search(svg)
    alt = escape(unescape(title[1]).strip()) if title else ""
    data = base64.b64encode(str(svg).encode("utf-8")).decode("ascii")
    return mark_safe(f'<img alt="{alt}" src="data:image/svg+xml;base64,{data}">')  # noqa: S308 - alt escaped, data base64
