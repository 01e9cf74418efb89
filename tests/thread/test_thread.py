"""The golden thread on the object pages, the results chain, the activity form, the layering."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from fields.models import Roadmap
from tests.conftest import client_for
from tests.factories import ActionFieldFactory, MeasureFactory

from .conftest import build_chain

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _panel(html: str) -> str:
    start = html.index('data-testid="thread-panel"')
    return html[start : html.index("</section>", start)]


def test_measure_page_shows_its_whole_chain_to_staff(client, cast, chain):
    client_for(client, cast.staff)
    html = client.get(reverse("fields:measure_detail", args=[chain["measure"].pk])).content
    panel = _panel(html.decode())
    for text in ("Feld A", "Thema a", "Netzwerk a", "Bedarf a", "Roadmap a"):
        assert text in panel
    assert "Priorität 4,00" in panel and "Runde a" in panel
    round_item = chain["round"].items.get()
    assert f"/priorisierung/{chain['round'].pk}/#item-{round_item.pk}" in panel
    assert chain["recommendation"].get_absolute_url() in panel
    assert f"/gremien/beschluesse/{chain['decision'].pk}/" in panel
    assert reverse("monitoring:activity_update", args=[chain["activity"].pk]) in panel
    assert "IND-a" in panel
    assert reverse("thread:roadmap_chain", args=[chain["roadmap"].pk]) in panel


def test_public_pages_show_only_public_links_of_the_chain(client, cast, chain):
    html = client.get(reverse("fields:measure_public", args=[chain["measure"].pk])).content
    panel = _panel(html.decode())
    assert "Bedarf a" not in panel and "/priorisierung/" not in panel  # needs are internal
    assert "/arbeitsbereich/" not in panel and "/verwaltung/" not in panel
    assert f"/roadmaps/{chain['roadmap'].pk}/" in panel
    assert f"/gremien/beschluesse/{chain['decision'].pk}/" in panel
    assert "/indikatoren/IND-a/" in panel
    # Activities are named but not linked (their pages are internal).
    assert "Aktivität a" in panel


def test_indicator_reaches_the_decision_in_one_click_and_the_decision_leads_back(client, chain):
    indicator_page = client.get(reverse("monitoring:indicator_public", args=["IND-a"])).content
    panel = _panel(indicator_page.decode())
    decision_url = f"/gremien/beschluesse/{chain['decision'].pk}/"
    assert decision_url in panel
    assert reverse("fields:measure_public", args=[chain["measure"].pk]) in panel
    decision_page = client.get(decision_url).content.decode()
    assert "/indikatoren/IND-a/" in _panel(decision_page)
    assert chain["recommendation"].get_absolute_url() in decision_page


def test_staff_go_from_an_activity_to_the_round_result(client, cast, chain):
    client_for(client, cast.staff)
    html = client.get(reverse("monitoring:activity_update", args=[chain["activity"].pk])).content
    panel = _panel(html.decode())
    assert reverse("fields:measure_detail", args=[chain["measure"].pk]) in panel
    assert f"/priorisierung/{chain['round'].pk}/#item-" in panel


def test_a_board_member_sees_no_internals_of_another_field_in_panels(client, cast):
    build_chain(cast, cast.field_b, prefix="b")
    client_for(client, cast.board)
    html = client.get("/indikatoren/IND-b/").content.decode()
    assert "Bedarf b" not in html and "/arbeitsbereich/" not in _panel(html)


def test_a_draft_roadmap_stays_out_of_public_panels(client, cast):
    chain = build_chain(cast, cast.field_a, prefix="d", published=False)
    html = client.get("/indikatoren/IND-d/").content.decode()
    panel = _panel(html)
    assert "Maßnahme d" not in panel and f"/roadmaps/{chain['roadmap'].pk}/" not in panel
    assert "/massnahmen/" not in panel
    # The approval itself is a public decision (the Lenkungskreis took it), so it is named.
    assert f"/gremien/beschluesse/{chain['decision'].pk}/" in panel


def test_roadmap_chain_draws_the_svg_and_the_same_content_as_a_list(client, cast, chain):
    client_for(client, cast.staff)
    response = client.get(reverse("thread:roadmap_chain", args=[chain["roadmap"].pk]))
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-hidden="true"' in svg and "Maßnahme a" in svg and "IND-a" in svg
    assert "Bedarf a" in svg and "Aktivität a" in svg
    listing = html[html.index('data-testid="chain-list"') :]
    for text in ("Maßnahme a", "Bedarf a", "Aktivität a", "IND-a – Indikator a"):
        assert text in listing
    assert "laufend" in listing  # status as text, not by colour alone


def test_public_chain_hides_needs_and_shows_published_roadmaps_only(client, cast, chain):
    draft = build_chain(cast, cast.field_a, prefix="e", published=False)
    html = client.get(reverse("thread:field_chain", args=[cast.field_a.slug])).content.decode()
    assert "Maßnahme a" in html and "Bedarf a" not in html
    assert "Maßnahme e" not in html
    url = reverse("thread:roadmap_chain", args=[draft["roadmap"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["roadmap", "field"])
def test_chain_pages_hold_their_query_budget_at_ten_times_the_rows(
    client, cast, django_assert_max_num_queries, page
):
    client_for(client, cast.staff)
    chains = [build_chain(cast, cast.field_a, prefix="q0")]
    url = (
        reverse("thread:roadmap_chain", args=[chains[0]["roadmap"].pk])
        if page == "roadmap"
        else reverse("thread:field_chain", args=[cast.field_a.slug])
    )
    # Session, user, roles (2), roadmap(s), measures, needs, indicators (prefetches),
    # activities, latest values, targets = at most 12.
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    roadmap = chains[0]["roadmap"]
    from tests.monitoring.factories import ActivityFactory

    for i in range(9):
        measure = MeasureFactory(
            action_field=ActionFieldFactory(roadmap=roadmap, title=f"HF {i}"),
            title=f"Mehr {i}",
        )
        measure.needs.set([chains[0]["need"]])
        chains[0]["indicator"].measures.add(measure)
        ActivityFactory(measure=measure)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count("Mehr ") >= 18  # in the SVG and in the list


def test_activity_form_groups_measures_by_field_and_roadmap(client, cast, chain):
    client_for(client, cast.staff)
    html = client.get(reverse("monitoring:activity_create")).content.decode()
    roadmap = Roadmap.objects.get(pk=chain["roadmap"].pk)
    assert f'<optgroup label="Feld A – {roadmap}">' in html
    start = html.index(f'<optgroup label="Feld A – {roadmap}">')
    group = html[start : html.index("</optgroup>", start)]
    assert "Maßnahme a" in group and "Zweite a" in group


def _imports(app: str) -> set[str]:
    names = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
    return names


@pytest.mark.parametrize(
    ("app", "forbidden"),
    [
        ("fields", {"governance", "monitoring", "reports", "thread"}),
        ("governance", {"monitoring", "reports", "thread"}),
        ("monitoring", {"governance", "reports", "thread"}),
    ],
)
def test_lower_apps_never_import_the_apps_above_them(app, forbidden):
    assert not (_imports(app) & forbidden)
