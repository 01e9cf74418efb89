"""Template helpers shared by all apps."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from ris_portal.numbers import format_number

register = template.Library()

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}


@register.filter
def markdown(text: str | None):
    """Markdown to HTML, sanitised with nh3 (no scripts, no inline styles, safe links)."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination with filters)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def de_number(value, decimals=None) -> str:
    """1234.5 -> '1.234,5' regardless of the active locale; see `ris_portal.numbers`."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.simple_tag(takes_context=True)
def object_panels(context, obj, public=False):
    """Panels that other apps contribute to this object's page (see `ris_portal.panels`)."""
    from ris_portal.panels import render_panels

    return render_panels(obj, request=context.get("request"), public=bool(public))
