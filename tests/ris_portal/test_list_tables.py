"""`{% kern_table … rows= empty= paginated=True %}`: the one way a list page writes its table,
its empty state and its page navigation."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

LIST = Template(
    '{% load ris %}{% kern_table _("Name") caption="Liste" rows=page empty=empty'
    " paginated=True %}{% for row in page %}<tr><td>{{ row }}</td></tr>{% endfor %}"
    "{% endkern_table %}"
)


def _render(rows, query="?status=offen&page=2"):
    page = Paginator(rows, 2).get_page(2) if rows else []
    request = RequestFactory().get("/liste/" + query)
    context = {"page": page, "page_obj": page or None, "request": request}
    return LIST.render(Context(context | {"empty": "Noch <keine> Einträge."}))


def test_rows_give_the_table_and_the_page_navigation_keeps_the_filters():
    html = _render(["a", "b", "c", "d", "e"])
    assert '<caption class="kern-sr-only">Liste</caption>' in html
    assert "<td>c</td>" in html and "<td>d</td>" in html and "<td>a</td>" not in html
    assert 'aria-label="Seitennavigation"' in html
    assert 'href="?status=offen&amp;page=1" rel="prev"' in html
    assert 'href="?status=offen&amp;page=3" rel="next"' in html
    assert "Noch" not in html


def test_no_rows_give_the_escaped_empty_sentence_and_no_table():
    html = _render([])
    assert html == '<p class="kern-body">Noch &lt;keine&gt; Einträge.</p>'


def test_without_rows_the_table_is_always_written():
    html = Template(
        '{% load ris %}{% kern_table _("Name") caption="Leer" %}{% endkern_table %}'
    ).render(Context({}))
    assert "<table" in html and "Seitennavigation" not in html


NONEMPTY = Template(
    '{% load ris %}{% nonempty rule empty=empty paginated=paged %}<a href="{% url "governance:meeting_detail" rule.pk %}">'
    "{{ rule.name }}</a>{% endnonempty %}"
)


def test_nonempty_renders_its_content_only_when_there_is_something_to_show():
    # Without a rule the content is not even rendered (it may need the rule, as a URL would).
    empty = NONEMPTY.render(Context({"rule": None, "empty": "Keine <Regel>.", "paged": False}))
    assert empty == '<p class="kern-body">Keine &lt;Regel&gt;.</p>'
    shown = NONEMPTY.render(
        Context({"rule": {"pk": 1, "name": "R1"}, "empty": "x", "paged": False})
    )
    assert shown.endswith(">R1</a>") and "Seitennavigation" not in shown


def test_nonempty_with_pagination_adds_the_page_navigation():
    page = Paginator(["a", "b", "c"], 2).get_page(1)
    request = RequestFactory().get("/liste/")
    html = Template(
        '{% load ris %}{% nonempty page empty="x" paginated=True %}'
        "{% for row in page %}<li>{{ row }}</li>{% endfor %}{% endnonempty %}"
    ).render(Context({"page": page, "page_obj": page, "request": request}))
    assert html.startswith("<li>a</li><li>b</li>\n") and 'href="?page=2" rel="next"' in html
