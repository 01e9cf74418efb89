"""Never leaks: the API and the open data show the public exactly what the public pages show.

No draft, archived or returned object, no personal data without consent, no conflict-of-
interest data and no unpublished report; and for each kind of object the set the API returns
to an anonymous client is the set whose public page answers 200.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from fields.models import Roadmap
from governance.models import Body, Decision, ForumEvent
from monitoring.models import Indicator
from opendata import services as opendata_services
from reports.models import Report
from tests.conftest import client_for

from .world import LOCKED_YEAR, SECRET, build_world, token_for

pytestmark = pytest.mark.django_db

LISTS = (
    "field",
    "theme",
    "network",
    "roadmap",
    "body",
    "decision",
    "event",
    "indicator",
    "indicator-value",
    "target",
    "report",
)


def _all_pages(client, url) -> list[dict]:
    rows = []
    while url:
        response = client.get(url, {"page_size": 500} if "page=" not in url else None)
        assert response.status_code == 200, url
        data = response.json()
        rows.extend(data["results"])
        url = data["next"]
    return rows


def _api_dump(client) -> dict[str, list[dict]]:
    return {name: _all_pages(client, reverse(f"api:{name}-list")) for name in LISTS}


@pytest.fixture
def world(cast):
    return build_world(cast)


def _assert_clean(text: str, where: str):
    assert SECRET not in text, f"{where} leaks: …{text[text.find(SECRET) - 80 :][:200]}…"
    assert "@example.org" not in text, f"{where} leaks an e-mail address"
    assert "conflict" not in text.lower(), f"{where} mentions conflicts of interest"


def test_api_lists_and_details_hold_nothing_internal(client, world):
    dump = _api_dump(client)
    _assert_clean(json.dumps(dump, ensure_ascii=False), "API lists")
    for name, rows in dump.items():
        assert rows, f"the world has public {name} rows"
    # Details of hidden objects answer 404, like their pages.
    for roadmap in world["roadmaps_hidden"].values():
        assert client.get(reverse("api:roadmap-detail", args=[roadmap.pk])).status_code == 404
    for report in world["reports_hidden"]:
        assert client.get(reverse("api:report-detail", args=[report.pk])).status_code == 404
    hidden_value = reverse("api:indicator-value-detail", args=[world["value_open"].pk])
    assert client.get(hidden_value).status_code == 404


def test_open_data_holds_nothing_internal(world):
    build = opendata_services.package_build_now(reason="Test")
    for name in build.files:
        with opendata_services.package_open(build, name) as handle:
            _assert_clean(handle.read().decode("utf-8"), name)


def test_a_token_without_read_scope_reads_what_the_public_reads(client, cast, world):
    anonymous = _api_dump(client)
    raw = token_for(cast.staff)  # staff, but no "read" scope
    with_token = _api_dump(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"))
    assert with_token == anonymous


def _page_status(name, **kwargs) -> int:
    return Client().get(reverse(name, kwargs=kwargs)).status_code


def _ids(rows, key="id"):
    return {row[key] for row in rows}


def test_api_returns_exactly_the_objects_whose_public_page_exists(client, world):
    dump = _api_dump(client)
    # API resource: (rows, public page, the key the API and the page share)
    for resource, rows, page, key in (
        ("roadmap", Roadmap.objects.all(), "fields:roadmap_public", "pk"),
        ("body", Body.objects.all(), "governance:body_public", "slug"),
        ("event", ForumEvent.objects.all(), "governance:event_public", "slug"),
        ("indicator", Indicator.objects.all(), "monitoring:indicator_public", "code"),
        ("report", Report.objects.all(), "reports:report_detail", "pk"),
    ):
        public = {
            getattr(row, key)
            for row in rows
            if _page_status(page, **{key: getattr(row, key)}) == 200
        }
        assert _ids(dump[resource], "id" if key == "pk" else key) == public, resource
    # Decisions and themes: the public list and field pages name exactly these.
    decision_page = Client().get(reverse("governance:decision_list")).content.decode()
    for decision in Decision.objects.all():
        assert (decision.title in decision_page) == (decision.pk in _ids(dump["decision"]))
    field_pages = "".join(
        Client().get(f.get_absolute_url()).content.decode()
        for f in (world["theme"].field, world["highlight"].field)
    )
    assert {row["name"] for row in dump["theme"]} <= {
        name for name in (world["theme"].name, world["highlight"].name) if name in field_pages
    }
    # Indicator values: only years whose report is published, as on the public page.
    assert {row["year"] for row in dump["indicator-value"]} == {LOCKED_YEAR}


def test_members_are_those_the_body_page_names(client, cast, world):
    body = client.get(reverse("api:body-detail", args=[cast.board_a.slug])).json()
    page = client_for(Client(), None).get(
        reverse("governance:body_public", args=[cast.board_a.slug])
    )
    html = page.content.decode()
    assert [m["name"] for m in body["members"]] == ["Konrad Konsens"]
    assert "Konrad Konsens" in html
    assert body["members"][0]["organisation"] == "Akteur Öffentlich"
    assert set(body["members"][0]) == {"name", "organisation", "role", "role_label"}


def test_decision_links_only_a_published_roadmap(client, world):
    rows = {row["id"]: row for row in _api_dump(client)["decision"]}
    assert rows[world["decision"].pk]["roadmap"] == world["roadmap"].pk
    hidden = rows[world["decision_on_hidden"].pk]
    assert hidden["roadmap"] is None
    assert hidden["roadmap_status"] == Roadmap.Status.APPROVED  # as the decision table shows
