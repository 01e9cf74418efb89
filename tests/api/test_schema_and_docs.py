"""The OpenAPI schema validates, names every resource, and the docs page is built from it."""

import json

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_validates_as_openapi_3_in_yaml_and_json():
    response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    as_json = json.loads(Client().get("/api/v1/schema/?format=json").content)
    assert as_json["paths"] == schema["paths"]


def test_schema_documents_resources_filters_and_the_token():
    schema = yaml.safe_load(Client().get("/api/v1/schema/").content)
    paths = schema["paths"]
    for resource in (
        "fields",
        "themes",
        "roadmaps",
        "bodies",
        "decisions",
        "events",
        "indicators",
        "indicator-values",
        "targets",
        "reports",
    ):
        assert f"/api/v1/{resource}/" in paths, resource
    themes = {p["name"] for p in paths["/api/v1/themes/"]["get"]["parameters"]}
    assert {"field", "status", "page", "page_size"} <= themes
    assert "post" in paths["/api/v1/indicator-values/"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    assert "/api/v1/docs/" not in paths and "/api/v1/schema/" not in paths


def test_root_lists_every_resource_with_absolute_links():
    data = Client().get("/api/v1/").json()
    assert data["schema"].endswith("/api/v1/schema/")
    assert data["open_data"].endswith("/open-data/")
    for url in data["resources"].values():
        assert url.startswith("http")


def test_docs_page_describes_every_operation_without_scripts():
    html = Client().get(reverse("api:docs")).content.decode()
    assert "GET /api/v1/roadmaps/" in html
    assert "POST /api/v1/indicator-values/" in html
    assert "Authorization: Bearer" in html
    assert "<script" not in html.split("</header>")[-1]  # the content adds no script
    assert ' style="' not in html


def test_lists_are_paginated_and_filtered(cast):
    from tests.factories import ThemeFactory

    for i in range(3):
        ThemeFactory(field=cast.field_a, slug=f"t{i}")
    ThemeFactory(field=cast.field_b, slug="tb")
    client = Client()
    page = client.get("/api/v1/themes/?page_size=2").json()
    assert page["count"] == 4 and len(page["results"]) == 2 and page["next"]
    assert client.get(f"/api/v1/themes/?field={cast.field_b.slug}").json()["count"] == 1
    assert client.get(f"/api/v1/themes/?field={cast.field_a.code}").json()["count"] == 3
    bad = client.get("/api/v1/themes/?status=unbekannt")
    assert bad.status_code == 400 and "Erlaubt sind" in bad.json()["status"]
    assert client.get("/api/v1/decisions/?year=zwei").status_code == 400
