"""Search: German stemming (SQLite and PostgreSQL), every kind a role may see, ranking, snippets.

These tests run on whichever database the suite uses: SQLite by default, PostgreSQL in CI.
"""

import datetime

import pytest

from tests.conftest import client_for
from tests.factories import IndicatorFactory, NeedFactory, ThemeFactory, ValueNetworkFactory
from tests.governance.factories import ForumEventFactory

from .conftest import build_chain

pytestmark = pytest.mark.django_db
URL = "/suche/"


def _search(client, q, **params):
    return client.get(URL, {"q": q, **params})


@pytest.fixture
def words(cast):
    theme = ThemeFactory(
        field=cast.field_a,
        slug="wasserstoff",
        name="Wasserstoff",
        description="Mobilität mit der Brennstoffzelle im Nahverkehr.",
    )
    ValueNetworkFactory(
        theme=theme, slug="h2-netz", name="Netzwerk Wasserstoffregion", description="Akteure."
    )
    return theme


@pytest.mark.parametrize(
    ("query", "found"),
    [("Netzwerke", "Netzwerk Wasserstoffregion"), ("Brennstoffzellen", "Wasserstoff")],
)
def test_german_word_forms_find_each_other(client, words, query, found):
    html = _search(client, query).content.decode()
    assert found in html
    assert "0 Treffer" not in html


def test_the_match_is_highlighted_and_text_is_escaped(client, cast, words):
    words.description = "<script>alert(1)</script> Die Brennstoffzelle treibt Busse an."
    words.save()
    html = _search(client, "Brennstoffzellen").content.decode()
    assert "<mark>Brennstoffzelle</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_title_matches_rank_before_text_matches(client, cast):
    ThemeFactory(field=cast.field_a, slug="t1", name="Sensorik", description="Laser hier.")
    ThemeFactory(field=cast.field_a, slug="t2", name="Laser", description="Nur Titel.")
    html = _search(client, "Laser").content.decode()
    assert html.index(">Laser<") < html.index(">Sensorik<")


def test_the_public_finds_every_public_kind_and_nothing_internal(client, cast):
    chain = build_chain(cast, cast.field_a, prefix="such")
    draft = build_chain(cast, cast.field_a, prefix="entwurf", published=False)
    ForumEventFactory(
        body=cast.board_a,
        slug="forum-such",
        title="Forum such",
        starts_at=chain["decision"].decided_at,
        ends_at=chain["decision"].decided_at + datetime.timedelta(hours=2),
        location="Erfurt",
        capacity=10,
    )
    html = _search(client, "such").content.decode()
    for key in ("themen", "netzwerke", "roadmaps", "massnahmen", "beschluesse", "indikatoren"):
        assert f'data-testid="search-group-{key}"' in html, key
    assert 'data-testid="search-group-veranstaltungen"' in html
    assert 'data-testid="search-group-bedarfe"' not in html  # needs are internal
    assert 'data-testid="search-group-aktivitaeten"' not in html
    html = _search(client, "entwurf").content.decode()
    assert "Maßnahme entwurf" not in html
    assert f'href="/roadmaps/{draft["roadmap"].pk}/"' not in html


def test_staff_also_find_internal_objects(client, cast):
    build_chain(cast, cast.field_a, prefix="intern", published=False)
    client_for(client, cast.staff)
    html = _search(client, "intern").content.decode()
    for key in ("bedarfe", "roadmaps", "massnahmen", "aktivitaeten"):
        assert f'data-testid="search-group-{key}"' in html, key
    assert "/arbeitsbereich/bedarfe/" in html


def test_a_board_member_finds_needs_of_their_field_only(client, cast):
    ThemeFactory(field=cast.field_b, slug="fremd", name="Fremdes Thema", status="kandidat")
    need_b = NeedFactory(
        theme=ThemeFactory(field=cast.field_b, slug="b2"), title="Geheimbedarf Feld B"
    )
    need_a = NeedFactory(
        theme=ThemeFactory(field=cast.field_a, slug="a2"), title="Geheimbedarf Feld A"
    )
    client_for(client, cast.board)
    html = _search(client, "Geheimbedarf").content.decode()
    assert need_a.title in html and need_b.title not in html
    assert "Fremdes Thema" not in _search(client, "Fremdes").content.decode()


def test_one_kind_pages_through_all_its_hits(client, cast):
    for i in range(25):
        IndicatorFactory(code=f"SUCH-{i}", name=f"Kennzahl Suche {i}")
    html = _search(client, "Kennzahl").content.decode()
    assert "Alle 25 Treffer unter Indikatoren anzeigen" in html
    page2 = _search(client, "Kennzahl", art="indikatoren", page=2).content.decode()
    assert "Seite 2 von 2" in page2 and page2.count('class="kern-mb-sm ris-search-hit"') == 5


def test_search_holds_its_query_budget_at_ten_times_the_rows(
    client, cast, django_assert_max_num_queries
):
    build_chain(cast, cast.field_a, prefix="budget0")
    client_for(client, cast.staff)
    # Session, user, roles (2) + per kind at most 2 (match and load; on PostgreSQL match and
    # count) + the scoping subqueries run inside them: 13 kinds → at most 4 + 26.
    with django_assert_max_num_queries(30):
        assert _search(client, "budget0").status_code == 200
    for i in range(1, 10):
        build_chain(cast, cast.field_a, prefix=f"budget{i}")
    with django_assert_max_num_queries(30):
        assert _search(client, "Bedarf").status_code == 200


def test_an_empty_or_symbol_only_query_searches_nothing(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        html = client.get(URL, {"q": "  ***  "}).content.decode()
    assert "0 Treffer" in html
