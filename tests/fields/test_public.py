"""Public pages never show draft content; search covers fields, themes, networks, measures."""

import pytest
from django.urls import reverse

from fields.models import Roadmap, Theme
from tests.factories import (
    ActionFieldFactory,
    MeasureFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)


@pytest.fixture
def published(content):
    """Version 1 published, version 2 a draft of the same network; a candidate theme."""
    v1 = content["roadmap"]
    v1.title = "Roadmap Photonik (veröffentlicht)"
    v1.status = Roadmap.Status.PUBLISHED
    v1.is_current = False
    v1.save()
    v2 = RoadmapFactory(network=content["network"], number=2, title="Geheimer Entwurf Fassung 2")
    af = ActionFieldFactory(roadmap=v2, title="Entwurfs-Handlungsfeld", order=1)
    MeasureFactory(action_field=af, title="Entwurfsmaßnahme Quantenlabor", order=1)
    ThemeFactory(field=content["theme"].field, name="Kandidatenthema", status="kandidat")
    return {"v1": v1, "v2": v2}


def test_public_field_page_shows_only_published_roadmaps_and_no_drafts(client, cast, published):
    page = client.get(reverse("fields:field_public", kwargs={"slug": cast.field_a.slug}))
    html = page.content.decode()
    assert "Roadmap Photonik (veröffentlicht)" in html
    assert reverse("fields:roadmap_public", kwargs={"pk": published["v1"].pk}) in html
    assert "Geheimer Entwurf" not in html
    assert "Entwurfs-Handlungsfeld" not in html
    assert "Kandidatenthema" not in html
    assert "Fachkräfte fehlen" not in html  # needs are internal


def test_public_field_page_marks_highlights(client, cast, content):
    Theme.objects.filter(pk=content["theme"].pk).update(status=Theme.Status.HIGHLIGHT)
    html = client.get(reverse("fields:field_public", kwargs={"slug": cast.field_a.slug})).content
    assert b'id="theme-photonik"' in html
    assert b"Highlight" in html


def test_a_draft_roadmap_has_no_public_page(client, published):
    assert (
        client.get(reverse("fields:roadmap_public", args=[published["v2"].pk])).status_code == 404
    )
    response = client.get(reverse("fields:roadmap_public", args=[published["v1"].pk]))
    assert response.status_code == 200
    assert "Weiterbildung" in response.content.decode()


def test_an_archived_published_roadmap_disappears_from_public_pages(client, cast, published):
    Roadmap.objects.filter(pk=published["v1"].pk).update(is_archived=True)
    assert (
        client.get(reverse("fields:roadmap_public", args=[published["v1"].pk])).status_code == 404
    )
    html = client.get(reverse("fields:field_public", kwargs={"slug": cast.field_a.slug})).content
    assert b"Roadmap Photonik" not in html


def test_only_the_newest_published_version_is_listed(client, cast, published):
    v2 = published["v2"]
    Roadmap.objects.filter(pk=v2.pk).update(status=Roadmap.Status.PUBLISHED)
    html = client.get(reverse("fields:field_public", kwargs={"slug": cast.field_a.slug})).content
    html = html.decode()
    assert reverse("fields:roadmap_public", args=[v2.pk]) in html
    assert reverse("fields:roadmap_public", args=[published["v1"].pk]) not in html


def test_search_finds_fields_themes_networks_and_published_measures_only(client, published):
    url = reverse("thread:search")
    html = client.get(url, {"q": "Weiterbildung"}).content.decode()
    assert "Weiterbildung" in html and "1 Treffer" in html
    html = client.get(url, {"q": "Quantenlabor"}).content.decode()
    assert "0 Treffer" in html  # a measure of a draft version only
    html = client.get(url, {"q": "Photonik"}).content.decode()
    assert "Netz Photonik" in html  # network around a public theme
    assert 'id="r-themen"' in html
    html = client.get(url, {"q": "Kandidatenthema"}).content.decode()
    assert "0 Treffer" in html


def test_search_does_not_show_networks_of_candidate_themes(client, cast):
    theme = ThemeFactory(field=cast.field_a, name="Noch offen", status="kandidat")
    ValueNetworkFactory(theme=theme, slug="netz-geheim", name="Netzwerk Geheimsache")
    html = client.get(reverse("thread:search"), {"q": "Geheimsache"}).content.decode()
    assert "0 Treffer" in html


def test_search_uses_german_stemming(client, content):
    # "Netze" and "Netz" share the stem only with the German configuration.
    html = client.get(reverse("thread:search"), {"q": "Netze"}).content.decode()
    assert "Netz Photonik" in html
