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
