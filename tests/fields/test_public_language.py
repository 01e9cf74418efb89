"""Public field pages: a clean <title>, English names where there are some, German marked as such.

Regression tests for the UI defects of issue 15: the sections "Wertschöpfungsnetzwerke" and
"Roadmaps" were pasted into the title block (raw HTML in <title>, missing from the page), the
title ignored `name_en`, and German content in the English UI carried no lang="de".
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from fields.models import Roadmap
from tests.factories import IndicatorFactory


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "page has no <title>"
    return match.group(1).strip()


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def public_field(cast, content):
    roadmap = content["roadmap"]
    roadmap.status = Roadmap.Status.PUBLISHED
    roadmap.save()
    cast.field_a.name_en = "Field A in English"
    cast.field_a.profile = "Ein deutsches Profil des Feldes."
    cast.field_a.save()
    return cast.field_a


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_title_of_a_public_field_page_is_the_field_name_and_its_sections_are_on_the_page(
    client, public_field
):
    html = client.get(reverse("fields:field_public", kwargs={"slug": public_field.slug})).content
    html = html.decode()
    assert _title(html) == "Feld A – RIS-Portal Thüringen"
    main = _main(html)
    # The two sections that were in the <title> are on the page, once each.
    assert main.count('id="networks"') == 1
    assert main.count('id="roadmaps"') == 1
    assert "Netz Photonik" in main
    assert "Roadmap Photonik" in main
    assert html.count('id="networks"') == 1


def test_german_ui_marks_nothing_as_german(client, public_field):
    html = client.get(reverse("fields:field_public", kwargs={"slug": public_field.slug})).content
    main = _main(html.decode())
    assert 'lang="de"' not in main
    assert '<h1 class="kern-heading-x-large">Feld A</h1>' in main


def test_english_ui_uses_name_en_in_title_and_heading_and_marks_german_content(
    client, public_field
):
    url = reverse("fields:field_public", kwargs={"slug": public_field.slug})
    html = _english(client).get(url).content.decode()
    assert '<html lang="en"' in html
    assert _title(html).startswith("Field A in English – ")
    main = _main(html)
    assert '<h1 class="kern-heading-x-large">Field A in English</h1>' in main
    # The theme has no English name: its German name is marked as German.
    assert '<li id="theme-photonik"><span lang="de">Photonik</span>' in main
    # German-only content: the profile, network and roadmap names.
    assert re.search(r'<div class="ris-prose" lang="de">\s*<p>Ein deutsches Profil', main)
    assert '<span lang="de">Netz Photonik</span>' in main
    assert re.search(r'<a class="kern-link" href="[^"]+" lang="de">Roadmap Photonik</a>', main)


def test_english_home_page_and_public_roadmap_mark_german_names(client, public_field, content):
    _english(client)
    home = _main(client.get(reverse("home")).content.decode())
    assert "Field A in English" in home
    page = client.get(reverse("fields:roadmap_public", args=[content["roadmap"].pk]))
    main = _main(page.content.decode())
    assert '<h1 class="kern-heading-x-large" lang="de">Roadmap Photonik</h1>' in main
    assert "Field A in English" in main


def test_public_indicator_title_uses_the_english_name(client, db):
    indicator = IndicatorFactory(code="MON-X", name="Anzahl Projekte", name_en="Number of projects")
    url = reverse("monitoring:indicator_public", args=[indicator.code])
    german = client.get(url)
    assert _title(german.content.decode()) == "MON-X – Anzahl Projekte – RIS-Portal Thüringen"
    english = _english(client).get(url).content.decode()
    assert _title(english).startswith("MON-X – Number of projects – ")
