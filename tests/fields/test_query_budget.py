"""List pages keep the same number of queries at 1× and 10× the rows (no N+1)."""

import pytest
from django.urls import reverse

from fields.models import Actor, Roadmap
from tests.conftest import client_for
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    FieldFactory,
    MeasureFactory,
    NeedFactory,
    NetworkMembershipFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)

from .chain import network_chain

# Every page starts with 4 queries: session, user, the user's groups and active memberships
# (roles). Then each list: 1 COUNT for the paginator, 1 page of rows with its joins
# (select_related) and annotations, plus:
BUDGETS = {
    "fields:field_list": 4 + 2,
    "fields:actor_list": 4 + 2 + 1,  # prefetch of the actors' fields
    # + the choices of the "Spezialisierungsfeld" filter
    "fields:theme_list": 4 + 2 + 1,
    "fields:network_list": 4 + 2 + 1,
    "fields:need_list": 4 + 2 + 1,
    "fields:roadmap_list": 4 + 2 + 1,
    "fields:measure_list": 4 + 2 + 1,
}


def _rows(field, n: int, offset: int = 0):
    for i in range(offset, offset + n):
        FieldFactory(name=f"Weiteres Feld {i}")
        theme = ThemeFactory(field=field, slug=f"q-thema-{i}", name=f"Thema {i}")
        actor = ActorFactory(name=f"Akteur {i}", kind=Actor.Kind.COMPANY)
        actor.fields.set([field])
        chain = network_chain(
            theme, actor, str(i), f"q-netz-{i}", role="anwender", need=f"Bedarf {i}"
        )
        af = ActionFieldFactory(roadmap=chain["roadmap"], title=f"Feld {i}", order=1)
        measure = MeasureFactory(action_field=af, title=f"Maßnahme {i}", order=1)
        measure.needs.set([chain["need"]])
        measure.responsible_actors.set([actor])


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_list_pages_hold_their_query_budget_at_ten_times_the_rows(
    client, cast, django_assert_max_num_queries, name
):
    client_for(client, cast.staff)
    url = reverse(name)
    _rows(cast.field_a, 1)
    with django_assert_max_num_queries(BUDGETS[name]):
        assert client.get(url).status_code == 200
    _rows(cast.field_a, 9, offset=1)
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["object_list"]) >= 10


def _roadmap_with(cast) -> Roadmap:
    theme = ThemeFactory(field=cast.field_a, slug="rm-thema", name="Thema")
    network = ValueNetworkFactory(theme=theme, slug="rm-netz", name="Netz")
    roadmap = RoadmapFactory(network=network, title="Roadmap")
    return roadmap


def _fill(roadmap, n: int, offset: int = 0):
    network = roadmap.network
    for i in range(offset, offset + n):
        actor = ActorFactory(name=f"RM-Akteur {i}", kind=Actor.Kind.COMPANY)
        NetworkMembershipFactory(network=network, actor=actor, role="anwender")
        need = NeedFactory(theme=network.theme, title=f"RM-Bedarf {i}")
        af = ActionFieldFactory(roadmap=roadmap, title=f"Feld {i}", order=i)
        for j in range(2):
            measure = MeasureFactory(action_field=af, title=f"M {i}.{j}", order=j)
            measure.needs.set([need])
            measure.responsible_actors.set([actor])


# Roadmap page: 4 (base) + roadmap, action fields, measures, their actors, their needs,
# comments, other versions = 11; staff also get the choices of the "new measure" forms
# (network actors, theme needs), queried once for all action fields = 13. The golden-thread
# panel (thread app): roadmap with its field, measures, needs, their round results,
# recommendations, decisions, activities, indicators, reports = at most 9 more; whether the
# visitor follows the roadmap (personal.follows) = 1 more.
ROADMAP_BUDGET = 13 + 9 + 1


def test_roadmap_page_holds_its_budget_with_ten_times_the_action_fields(
    client, cast, django_assert_max_num_queries
):
    client_for(client, cast.staff)
    roadmap = _roadmap_with(cast)
    _fill(roadmap, 1)
    url = reverse("fields:roadmap_detail", kwargs={"pk": roadmap.pk})
    with django_assert_max_num_queries(ROADMAP_BUDGET):
        assert client.get(url).status_code == 200
    _fill(roadmap, 9, offset=1)
    with django_assert_max_num_queries(ROADMAP_BUDGET):
        response = client.get(url)
    assert response.content.decode().count('data-testid="measure"') == 20


def test_public_field_page_and_search_hold_their_budget(
    client, cast, django_assert_max_num_queries
):
    _rows(cast.field_a, 1)
    Roadmap.objects.update(status=Roadmap.Status.PUBLISHED)
    public = reverse("fields:field_public", kwargs={"slug": cast.field_a.slug})
    search = reverse("thread:search") + "?q=Thema"
    # Anonymous: no session queries. Field page: field, networks, published roadmaps, themes,
    # their potentials (prefetch) = 5, plus the thread panel: published roadmaps,
    # recommendations, decisions, indicators = 4. Search: per kind the public rows may see
    # (fields, themes, networks, roadmaps, measures, decisions, events, indicators, reports) one
    # query for the matching and one for the objects shown = at most 18.
    budgets = {public: 9, search: 18}
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    _rows(cast.field_a, 9, offset=1)
    Roadmap.objects.update(status=Roadmap.Status.PUBLISHED)
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
