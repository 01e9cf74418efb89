"""Which language a text on a rendered page is in, as a screen reader decides it (WCAG 3.1.2).

The language of a text is the `lang` of its nearest element that has one (else the page's
<html lang>). `unmarked(html, text)` lists the places where `text` occurs in <body> in another
language than German: German content in the English UI must sit inside an element with
lang="de". The <desc> of an SVG chart is left out: it is one plain-text sentence of the UI that
names the content (no element inside can carry a language); the data table beside the chart
shows the same content, marked. So is everything inside aria-hidden="true" (a diagram whose
content the page states again as a list): assistive technology does not read it. Form controls
are left out too (<label>, <option>, <textarea>): their fields and choices show the German
values to edit or choose as they are.
"""

import re
from html.parser import HTMLParser

from django.conf import settings

from tests.conftest import client_for

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


_CONTROLS = {"label", "option", "textarea"}


class _Languages(HTMLParser):
    """The text of <body> with the language of each character."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.text: list[str] = []
        self.languages: list[str] = []
        self.in_body = False
        self.in_desc = 0
        self.marked = 0  # elements of <body> with lang="de"

    def _language(self) -> str:
        for _tag, lang, _skipped in reversed(self.stack):
            if lang is not None:
                return lang.split("-")[0].lower()
        return ""

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        lang = dict(attrs).get("lang")
        if self.in_body and lang == "de":
            self.marked += 1
        skipped = dict(attrs).get("aria-hidden") == "true" or tag in _CONTROLS
        if tag not in _VOID:
            self.stack.append((tag, lang, skipped))
        if tag == "desc":
            self.in_desc += 1

    def handle_startendtag(self, tag, attrs):
        pass  # <br/>, <rect/>: no text inside

    def handle_endtag(self, tag):
        if tag == "desc":
            self.in_desc -= 1
        if tag == "body":
            self.in_body = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.in_body or self.in_desc or any(h for _t, _l, h in self.stack):
            return
        language = self._language()
        self.text.append(data)
        self.languages.extend([language] * len(data))


def unmarked(html: str, text: str) -> list[str]:
    """The occurrences of `text` in <body> not (wholly) inside an element with lang="de",
    each with some surrounding text; an empty list when every occurrence is marked German.

    Raises AssertionError if `text` does not occur at all (a check that could not fail)."""
    parser = _Languages()
    parser.feed(html)
    parser.close()
    body = "".join(parser.text)
    assert text in body, f"{text!r} is not on the page"
    found, start = [], body.find(text)
    while start != -1:
        end = start + len(text)
        if any(language != "de" for language in parser.languages[start:end]):
            found.append(body[max(0, start - 40) : end + 40].replace("\n", " "))
        start = body.find(text, end)
    return found


def marked_german(html: str) -> int:
    """How many elements of <body> carry lang="de" (none with the UI in German)."""
    parser = _Languages()
    parser.feed(html)
    parser.close()
    return parser.marked


def title(html: str) -> str:
    """The text of the page's <title>."""
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "page has no <title>"
    return match.group(1).strip()


def get_page(client, user, url: str, language: str = "en") -> str:
    """The page at `url` as `user` with the UI in `language` (200 expected)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client_for(client, user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_german_marked(html: str, *texts: str) -> None:
    """Each text is on the page, and only inside an element with lang="de"."""
    problems = {text: places for text in texts if (places := unmarked(html, text))}
    assert not problems, problems
