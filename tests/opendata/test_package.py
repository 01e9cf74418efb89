"""The open-data package validates (frictionless), the catalogue parses (rdflib) and names every
distribution, the build is deterministic, and a publication rebuilds it in the worker."""

import json

import pytest
import rdflib
from django.test import Client
from django.utils import timezone
from frictionless import Package, validate

from fields.models import Roadmap
from opendata import services
from opendata.models import PackageBuild
from opendata.package import TABLES
from tests.api.world import build_world

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture
def world(cast):
    return build_world(cast)


def _files(build) -> dict[str, bytes]:
    out = {}
    for name in build.files:
        with services.package_open(build, name) as handle:
            out[name] = handle.read()
    return out


def test_package_validates_with_frictionless(world, tmp_path):
    build = services.package_build_now(reason="Test")
    for name, content in _files(build).items():
        (tmp_path / name).write_bytes(content)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    assert {r.name for r in package.resources} == {t.name for t in TABLES}
    for resource in package.resources:
        for field in resource.schema.fields:
            assert field.title and field.description, (resource.name, field.name)
        descriptor = json.loads((tmp_path / "datapackage.json").read_text())
        for res in descriptor["resources"]:
            for field in res["schema"]["fields"]:
                assert field["title_en"] and field["description_en"], (res["name"], field["name"])


def test_values_are_machine_readable(world):
    files = _files(services.package_build_now(reason="Test"))
    values = files["indicator_values.csv"].decode()
    assert "IND-PUB,,2023,111.5,endgueltig,false," in values
    assert "999.25" not in values  # the open year is not published
    assert files["roadmaps.csv"].decode().count("\r\n") == 2  # header + the published one


def test_dcat_parses_and_names_every_distribution(world, settings):
    settings.SITE_URL = "https://ris.example"
    build = services.package_build_now(reason="Test")
    files = _files(build)
    graph = rdflib.Graph().parse(data=files["dcat.ttl"].decode(), format="turtle")
    urls = {str(o) for o in graph.objects(None, DCAT.downloadURL)}
    expected = {f"https://ris.example/open-data/{t.path}" for t in TABLES}
    expected.add("https://ris.example/open-data/datapackage.json")
    assert urls == expected
    for distribution in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
        assert (distribution, DCT.license, None) in graph
        assert (distribution, DCAT.accessURL, None) in graph
    datasets = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert len(datasets) == len(TABLES) + 1
    catalog = next(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert set(graph.objects(catalog, DCAT.dataset)) == datasets
    assert rdflib.URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0") in set(
        graph.objects(catalog, DCT.license)
    )


def test_licence_is_configurable(world, settings):
    settings.OPEN_DATA_LICENSE = "cc-by/4.0"
    files = _files(services.package_build_now(reason="Test"))
    package = json.loads(files["datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "http://dcat-ap.de/def/licenses/cc-by/4.0" in files["dcat.ttl"].decode()
    settings.OPEN_DATA_LICENSE = "erfunden"
    with pytest.raises(ValueError, match="OPEN_DATA_LICENSE"):
        services.package_build_now(reason="Test")


def test_build_is_deterministic_and_unchanged_data_reuses_the_files(world):
    first = services.package_build_now(reason="eins")
    second = services.package_build_now(reason="zwei")
    assert second.pk != first.pk
    assert second.files == first.files
    assert second.folder == first.folder  # nothing written again


def test_publishing_a_roadmap_rebuilds_in_the_worker(world, django_capture_on_commit_callbacks):
    from django.db import connection

    services.package_build_now(reason="Ausgang")
    # The test's transaction still holds the rebuild asked for while building the world (in
    # production that request committed long ago); drop it so the publication asks anew.
    del connection.run_on_commit[:]
    roadmap = world["roadmaps_hidden"][Roadmap.Status.APPROVED]
    from governance.services import roadmap_publish

    with django_capture_on_commit_callbacks(execute=True):
        roadmap_publish(roadmap=roadmap, expected_version=roadmap.version)
    current = services.package_current()
    assert current.status == PackageBuild.Status.DONE
    assert current.reason.startswith("fields.Roadmap")
    response = Client().get("/open-data/roadmaps.csv")
    roadmaps = b"".join(response.streaming_content).decode()
    assert roadmap.title in roadmaps


def test_many_changes_in_one_transaction_give_one_build(world):
    from django.db import connection

    from tests.factories import ThemeFactory

    for i in range(5):
        ThemeFactory(field=world["theme"].field, slug=f"neu-{i}")
    # The whole test runs in one transaction (world, cast and these rows).
    ours = [c for _s, c, *_r in connection.run_on_commit if getattr(c, "opendata_rebuild", 0)]
    assert len(ours) == 1  # one rebuild asked for, however many rows changed
    ours[0]()
    assert PackageBuild.objects.count() == 1


def test_a_failing_build_is_retried_then_shown_with_its_reason(
    world, monkeypatch, cast, django_capture_on_commit_callbacks
):
    from opendata import tasks

    def broken():
        raise OSError("Ablage nicht erreichbar")

    monkeypatch.setattr(services, "build_package", broken)
    build = services.package_schedule(reason="Test")
    tasks.package_build_task.apply(args=[build.pk])
    build.refresh_from_db()
    assert build.status == PackageBuild.Status.FAILED
    assert build.attempts == build.max_attempts
    assert "Ablage nicht erreichbar" in build.error_message
    from tests.conftest import client_for

    page = client_for(Client(), cast.staff).get("/open-data/").content.decode()
    assert "Ablage nicht erreichbar" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(Client(), cast.staff).post(
            "/open-data/neu-erstellen/", {"retry": build.pk}
        )
    assert response.status_code == 302
    # The page visit left a waiting build for the same data; the retry drives it (or the
    # failed one when none waits): either way the package is there again.
    assert services.package_current() is not None
    assert Client().get("/open-data/datapackage.json").status_code == 200


def test_files_are_served_with_etag_and_fresh_installation_builds_once(world):
    client = Client()
    response = client.get("/open-data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    etag = response["ETag"]
    assert client.get("/open-data/datapackage.json", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/open-data/geheim.csv").status_code == 404
    assert PackageBuild.objects.count() == 1
    assert b"themes.csv" in b"".join(response.streaming_content)


def test_overview_page_lists_the_tables(world):
    html = Client().get("/open-data/").content.decode()
    for table in TABLES:
        assert table.path in html
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    assert timezone.now().strftime("%Y") in html


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_data_builds_the_package_once():
    from ris_portal.seed import seed_all

    seed_all()
    assert PackageBuild.objects.count() == 1
    assert services.package_current() is not None
