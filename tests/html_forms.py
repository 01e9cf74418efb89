"""Read a rendered form the way a browser submits it (what the user saw is what is sent)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.forms: list[list[tuple[str, str]]] = []
        self.values: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._option: dict | None = None
        self._option_text: list[str] = []
        self._select_first: tuple[str, str] | None = None
        self._select_chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.inside, self.values = True, []
            self.forms.append(self.values)
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self.values.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            self._option, self._option_text = attrs, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # A browser drops the one newline that follows <textarea>.
            self.values.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value")
            value = "".join(self._option_text).strip() if value is None else value
            if self._select_first is None:
                self._select_first = (self._select, value)
            if "selected" in self._option:
                self.values.append((self._select, value))
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                self.values.append(self._select_first)
            self._select = None


def form_values(html: str, containing: str = "version") -> dict[str, str | list[str]]:
    """The data the first POST form with a field `containing` submits (lists for repeats)."""
    reader = _FormReader()
    reader.feed(html)
    values = next(v for v in reader.forms if any(name == containing for name, _ in v))
    data: dict[str, str | list[str]] = {}
    for name, value in values:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    return data
