"""Template helpers shared by all apps."""

import markdown as markdown_lib
import nh3
from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


_EVERY = object()  # `rows` not given: the table is always written


@register.simple_block_tag(takes_context=True)
def kern_table(
    context,
    content,
    *headers,
    caption,
    testid="",
    modifiers="striped",
    numeric="",
    action="",
    caption_class="kern-sr-only",
    region_class="",
    rows=_EVERY,
    empty="",
    paginated=False,
):
    """A KERN table in its scrollable region, with a caption (for screen readers, by default).

    `{% kern_table _("Jahr") _("Bericht") caption=_("Berichte") testid="x" %}<tr …>…{% endkern_table %}`:
    with column headers, the tag writes the header row and the content is the table body; without
    them the content is the table's own <thead>/<tbody> (headers that loop or span rows).
    `modifiers` are KERN's table variants ("striped", "small", "striped small" or ""); `numeric`
    and `action` name the columns (counted from 1, separated by spaces) whose header is aligned
    for numbers or actions; `region_class` adds classes to the scrollable region ("kern-mt-md").

    A list page: `rows=page empty=_("Es sind noch keine … angelegt.") paginated=True` writes the
    `empty` sentence instead of a table without rows, and the page navigation of the view's
    `page_obj` below the table (`includes/pagination.html`).
    """
    if rows is not _EVERY and not rows:
        return _empty_state(empty)
    variants = {int(n): "numeric" for n in numeric.split()} | {
        int(n): "action" for n in action.split()
    }
    columns = [(label, variants.get(n, "")) for n, label in enumerate(headers, 1)]
    table = render_to_string(
        "includes/table.html",
        {
            "content": content,
            "columns": columns,
            "caption": caption,
            "caption_class": caption_class,
            "testid": testid,
            "modifiers": modifiers.split(),
            "region_class": region_class,
        },
    )
    return _with_pagination(table, context) if paginated else table


def _empty_state(sentence) -> str:
    """What a list shows without rows: one sentence ("Es sind noch keine … angelegt.")."""
    return format_html('<p class="kern-body">{}</p>', sentence)


def _with_pagination(html, context) -> str:
    """`html` and below it the page navigation of the view's `page_obj`, keeping the filters."""
    return format_html(
        "{}\n{}", html, render_to_string("includes/pagination.html", context.flatten())
    )


@register.inclusion_tag("includes/filter_select.html")
def filter_select(name, label, choices, selected="", all_label="", field_id="", label_attr="name"):
    """A select of a GET filter form, with an empty first option (`all_label`, "alle …").

    `choices`: (value, label) pairs, model instances (value: pk, label: `label_attr`) or plain
    values (a year). The option whose value equals `selected` (compared as text) is selected.
    """
    options = []
    for choice in choices:
        if isinstance(choice, (tuple, list)):
            value, text = choice
        elif hasattr(choice, "pk"):
            value, text = choice.pk, getattr(choice, label_attr)
        else:
            value = text = choice
        options.append((str(value), text))
    return {
        "name": name,
        "label": label,
        "options": options,
        "selected": "" if selected is None else str(selected),
        "all_label": all_label,
        "field_id": field_id or f"filter-{name}",
    }


@register.inclusion_tag("includes/page_heading.html")
def page_heading(heading, preline="", subline="", german=False):
    """The page's <h1> in a KERN hgroup with the line above it (`preline`) and below (`subline`).

    `german=True`: the heading is German content (a title), marked lang="de" in another UI
    language."""
    language = german_language() if german else None
    return {"heading": heading, "preline": preline, "subline": subline, "lang": language}


@register.inclusion_tag("includes/filter_form.html", takes_context=True)
def filter_form(context, form, label, submit_label="", show_reset=False):
    """A GET filter form (role search) of a Django form's fields; with `show_reset` a link back
    to the page without filters."""
    return {
        "form": form,
        "label": label,
        "submit_label": submit_label or gettext("Filtern"),
        "reset_url": context["request"].path if show_reset else "",
    }


class SectionNode(template.Node):
    def __init__(self, nodelist, section_id, heading, show, empty):
        self.nodelist, self.section_id, self.heading = nodelist, section_id, heading
        self.show, self.empty = show, empty

    def render(self, context):
        if self.show is None or self.show.resolve(context):
            body = self.nodelist.render(context)
        else:
            body = _empty_state(self.empty.resolve(context))
        section_id = self.section_id.resolve(context)
        return format_html(
            '<section class="ris-section" aria-labelledby="{}">\n'
            '  <h2 class="kern-heading-large" id="{}">{}</h2>\n  {}\n</section>',
            section_id,
            section_id,
            self.heading.resolve(context),
            body,
        )


@register.tag
def page_section(parser, token):
    """A titled section of a page: `{% page_section "id" _("Überschrift") %}…{% endpage_section %}`.

    Writes <section aria-labelledby> with its <h2 id>. With `show=items empty=_("Keine …")` the
    content is rendered only when `items` is not empty, else the `empty` sentence.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("page_section takes an id and a heading")
    kwargs = token_kwargs(bits[3:], parser)
    if set(kwargs) - {"show", "empty"} or ("show" in kwargs) != ("empty" in kwargs):
        raise template.TemplateSyntaxError("page_section takes show= and empty= together")
    nodelist = parser.parse(("endpage_section",))
    parser.delete_first_token()
    return SectionNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        kwargs.get("show"),
        kwargs.get("empty"),
    )


class NonEmptyNode(template.Node):
    def __init__(self, nodelist, value, empty, paginated):
        self.nodelist, self.value, self.empty, self.paginated = nodelist, value, empty, paginated

    def render(self, context):
        if not self.value.resolve(context):
            return _empty_state(self.empty.resolve(context))
        html = self.nodelist.render(context)
        if self.paginated is not None and self.paginated.resolve(context):
            return _with_pagination(html, context)
        return html


@register.tag
def nonempty(parser, token):
    """A list that is not a KERN table: `{% nonempty events empty=_("Keine …") %}…{% endnonempty %}`.

    The content is rendered only when `events` is not empty, else the `empty` sentence; with
    `paginated=True` the page navigation follows the content (as `kern_table … paginated=True`).
    """
    bits = token.split_contents()
    kwargs = token_kwargs(bits[2:], parser)
    if len(bits) < 3 or "empty" not in kwargs or set(kwargs) - {"empty", "paginated"}:
        raise template.TemplateSyntaxError("nonempty takes a value, empty= and paginated=")
    nodelist = parser.parse(("endnonempty",))
    parser.delete_first_token()
    return NonEmptyNode(
        nodelist, parser.compile_filter(bits[1]), kwargs["empty"], kwargs.get("paginated")
    )


@register.simple_tag(takes_context=True)
def object_panels(context, obj, public=False):
    """Panels that other apps contribute to this object's page (see `ris_portal.panels`)."""
    from ris_portal.panels import render_panels

    return render_panels(obj, request=context.get("request"), public=bool(public))


# --- German content in another UI language ----------------------------------------------------
# The content of the portal is written in German; some names also have an English variant
# (`name_en`). With the UI in English a page shows the English name where there is one, and
# marks German content with lang="de" so that screen readers pronounce it as German (WCAG 3.1.2).


def _ui_is_german() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0] == "de"


def name_and_language(obj, attribute: str = "name") -> tuple[str, str | None]:
    """The name to show and the language to mark it with (None: the page's own language).

    For code that writes markup itself (SVG charts, entries built in Python)."""
    german = str(getattr(obj, attribute, "") or "")
    if _ui_is_german():
        return german, None
    english = str(getattr(obj, f"{attribute}_en", "") or "")
    return (english, None) if english else (german, "de")


@register.filter
def display_name(obj, attribute: str = "name") -> str:
    """Plain text (for <title> and attributes): `name_en` with the UI in English, if present."""
    return name_and_language(obj, attribute)[0]


@register.simple_tag
def name_of(obj, attribute: str = "name"):
    """The name for the page's language; a German fallback is wrapped in <span lang="de">."""
    name, language = name_and_language(obj, attribute)
    if language:
        return format_html('<span lang="{}">{}</span>', language, name)
    return name


def _object_name_parts(obj) -> tuple[str, tuple | None, str]:
    """str(obj) split around its German name: (before, (owner, attribute), after).

    The name is the object's own `name` or `title`, else the name of its field or theme (an
    assessment "Einschätzung Feld A 2025"); None when str(obj) contains none of them (an
    indicator value "IPS-1 2024: 425,1": a code and numbers) or when the name is a proper
    name (`NAME_IS_PROPER`: an actor, a body)."""
    text = str(obj)
    if getattr(obj, "NAME_IS_PROPER", False):
        return text, None, ""
    for path in ("", "field", "theme"):  # looked up only when needed (a query each)
        owner = getattr(obj, path, None) if path else obj
        for attribute in ("name", "title"):
            part = getattr(owner, attribute, None) if owner is not None else None
            if isinstance(part, str) and part and part in text:
                before, _sep, after = text.partition(part)
                return before, (owner, attribute), after
    return text, None, ""


@register.filter
def object_title(obj) -> str:
    """Plain text of str(obj) (for <title>) with its name in English where it has `name_en`."""
    before, named, after = _object_name_parts(obj)
    return f"{before}{display_name(*named)}{after}" if named else before


@register.simple_tag
def object_name(obj):
    """str(obj) for a heading: its name in English where it has `name_en`, a German name or
    title marked lang="de" (the words around it, e.g. "(Fassung 2)", are the UI's)."""
    before, named, after = _object_name_parts(obj)
    if named is None:
        return before
    return format_html("{}{}{}", before, name_of(*named), after)


def german_language() -> str | None:
    """The language to mark German content with: "de", or None when the UI is German."""
    return None if _ui_is_german() else "de"


@register.simple_tag
def lang_de():
    """` lang="de"` for an element with German content when the UI is not German."""
    return "" if _ui_is_german() else mark_safe(' lang="de"')  # noqa: S308 - a constant
