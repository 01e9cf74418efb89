"""Internal pages in the English UI: names in English where there is an English name (also in
<title>), every German name, title and description marked lang="de"; nothing marked in German.

Regression tests for issue 15 ("German content in the English UI is not marked lang="de" and
<title> ignores name_en"), for the workspace pages after the public ones
(`test_public_language.py`).
"""

import re

import pytest
from django.urls import reverse

from reports.models import Narrative, Report
from reports.narratives import ChapterRef, narrative_save
from tests.factories import IndicatorFactory, RelevanceAssessmentFactory, ThemeFactory
from tests.governance.factories import AgendaItemFactory, DevelopmentGoalFactory, MeetingFactory
from tests.html_language import assert_german_marked, marked_german, unmarked
from tests.html_language import get_page as _get
from tests.html_language import title as _title
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory


@pytest.fixture
def named(cast, content):
    """Field A and the theme Photonik have English names; a second theme has none."""
    field = cast.field_a
    field.name_en = "Field A in English"
    field.profile = "Ein deutsches Profil des Feldes."
    field.save()
    theme = content["theme"]
    theme.name_en = "Photonics"
    theme.description = "Eine deutsche Beschreibung des Themas."
    theme.save()
    other = ThemeFactory(field=field, slug="quanten", name="Quantentechnologie")
    RelevanceAssessmentFactory(theme=theme, justification="Eine deutsche Begründung.")
    network = content["network"]
    network.description = "Eine deutsche Beschreibung des Netzes."
    network.save()
    need = content["need"]
    need.description = "Eine deutsche Beschreibung des Bedarfs."
    need.save()
    return {**content, "field": field, "other": other}


def assert_english_name(html: str, english: str, german: str) -> None:
    """The English name is on the page and the German one (with an English one) is not."""
    assert english in html
    assert german not in re.sub(r"<title>.*?</title>", "", html, flags=re.S)


def test_the_field_workspace_page(client, cast, named):
    html = _get(client, cast.staff, reverse("fields:field_detail", args=[cast.field_a.pk]))
    assert _title(html).startswith("Field A in English – ")
    assert '<h1 class="kern-heading-x-large">Field A in English</h1>' in html
    assert "Photonics" in html
    assert_german_marked(
        html,
        "Ein deutsches Profil des Feldes.",
        "Quantentechnologie",
        "Netz Photonik",
        "Roadmap Photonik",
        "Fachkräfte fehlen",
    )


def test_the_theme_workspace_page(client, cast, named):
    html = _get(client, cast.staff, reverse("fields:theme_detail", args=[named["theme"].pk]))
    assert _title(html).startswith("Photonics – ")
    assert '<h1 class="kern-heading-x-large">Photonics</h1>' in html
    assert_english_name(html, "Field A in English", ">Feld A<")
    assert_german_marked(
        html,
        "Eine deutsche Beschreibung des Themas.",
        "Eine deutsche Begründung.",
        "Netz Photonik",
        "Fachkräfte fehlen",
        "Roadmap Photonik",
    )


def test_the_portfolio_page(client, cast, named):
    html = _get(client, cast.staff, reverse("fields:field_portfolio", args=[cast.field_a.pk]))
    assert "Field A in English – " in _title(html)
    assert_english_name(html, "Field A in English", ">Feld A<")
    assert "Photonics" in html
    assert_german_marked(html, "Quantentechnologie")


def test_the_network_and_need_pages(client, cast, named):
    network = named["network"]
    html = _get(client, cast.staff, reverse("fields:network_detail", args=[network.pk]))
    assert "Photonics" in html
    assert_german_marked(
        html, "Netz Photonik", "Eine deutsche Beschreibung des Netzes.", "Fachkräfte fehlen"
    )
    html = _get(client, cast.staff, reverse("fields:need_detail", args=[named["need"].pk]))
    assert "Photonics" in html
    assert_german_marked(
        html, "Fachkräfte fehlen", "Eine deutsche Beschreibung des Bedarfs.", "Netz Photonik"
    )


@pytest.mark.parametrize(
    ("url_name", "german"),
    [
        ("fields:field_list", ()),
        ("fields:theme_list", ("Quantentechnologie",)),
        ("fields:need_list", ("Fachkräfte fehlen",)),
        ("fields:network_list", ("Netz Photonik",)),
        ("fields:roadmap_list", ("Roadmap Photonik", "Netz Photonik")),
        ("fields:measure_list", ("Weiterbildung", "Roadmap Photonik")),
    ],
)
def test_the_workspace_lists(client, cast, named, url_name, german):
    html = _get(client, cast.staff, reverse(url_name))
    if url_name == "fields:field_list":
        assert_english_name(html, "Field A in English", ">Feld A<")
    if url_name in ("fields:theme_list", "fields:need_list", "fields:network_list"):
        assert "Photonics" in html
    assert_german_marked(html, *german)


def test_the_roadmap_workspace_page(client, cast, named):
    html = _get(client, cast.staff, reverse("fields:roadmap_detail", args=[named["roadmap"].pk]))
    assert_german_marked(
        html,
        "Roadmap Photonik",
        "Netz Photonik",
        "Fachkräfte",  # an action field
        "Weiterbildung",  # a measure
        "Fachkräfte fehlen",  # the need it addresses
    )
    measure = named["measures"][0]
    html = _get(client, cast.staff, reverse("fields:measure_detail", args=[measure.pk]))
    assert_german_marked(html, "Weiterbildung", "Roadmap Photonik", "Fachkräfte fehlen")


def test_the_actor_page(client, cast, named):
    actor = named["actor"]
    actor.description = "Eine deutsche Beschreibung des Akteurs."
    actor.fields.set([cast.field_a])
    actor.save()
    html = _get(client, cast.staff, reverse("fields:actor_detail", args=[actor.pk]))
    assert_english_name(html, "Field A in English", ">Feld A<")
    assert_german_marked(html, "Eine deutsche Beschreibung des Akteurs.", "Netz Photonik")


def _indicator_with_values(field, name, name_en=""):
    indicator = IndicatorFactory(code=f"IX-{name[:3]}", name=name, name_en=name_en)
    IndicatorValueFactory(indicator=indicator, year=2024, value=10, field=field)
    IndicatorValueFactory(indicator=indicator, year=2024, value=12)
    return indicator


@pytest.mark.parametrize("role", ["staff", "steering", "ministry"])
def test_the_dashboard(client, cast, named, role):
    _indicator_with_values(cast.field_a, "Anzahl Projekte", "Number of projects")
    _indicator_with_values(cast.field_a, "Deutsche Kennzahl")
    url = reverse("monitoring:dashboard_field", kwargs={"slug": cast.field_a.slug})
    html = _get(client, cast.for_role(role), url)
    assert "Field A in English – " in _title(html)
    assert '<h1 class="kern-heading-x-large">Field A in English</h1>' in html
    assert "Number of projects" in html
    assert_german_marked(html, "Deutsche Kennzahl", "Feld B")
    overall = _get(client, cast.for_role(role), reverse("monitoring:dashboard"))
    assert "Field A in English" in overall
    assert_german_marked(overall, "Feld B")


def test_the_results_chain(client, cast, named):
    html = _get(client, cast.staff, reverse("thread:field_chain", args=[cast.field_a.slug]))
    assert "Field A in English – " in _title(html)
    assert '<h1 class="kern-heading-x-large">Field A in English</h1>' in html
    assert_german_marked(html, "Weiterbildung", "Roadmap Photonik", "Fachkräfte fehlen")
    html = _get(client, cast.staff, reverse("thread:roadmap_chain", args=[named["roadmap"].pk]))
    assert_german_marked(html, "Roadmap Photonik", "Weiterbildung")


def _history_heading(html: str) -> str:
    match = re.search(r'<h1 class="kern-heading-x-large"[^>]*>(.*?)</h1>', html, re.S)
    assert match, "page has no heading"
    return match.group(0)


def test_the_history_pages_of_fields_content(client, cast, named):
    theme, roadmap = named["theme"], named["roadmap"]
    url = reverse("fields:theme_history", args=[theme.pk])
    html = _get(client, cast.staff, url)
    assert _title(html).startswith("History: Photonics – ")
    assert _history_heading(html) == '<h1 class="kern-heading-x-large">Photonics</h1>'
    assert_german_marked(html, "Eine deutsche Beschreibung des Themas.")  # a changed text
    first = theme.history.order_by("history_date", "history_id").first()
    html = _get(client, cast.staff, f"{url}?wiederherstellen={first.history_id}")
    assert _title(html).startswith("Restore")
    assert "“Photonics” will be reset" in html
    assert_german_marked(html, "Eine deutsche Beschreibung des Themas.")
    html = _get(client, cast.staff, reverse("fields:field_history", args=[cast.field_a.pk]))
    assert _history_heading(html) == '<h1 class="kern-heading-x-large">Field A in English</h1>'
    assert_german_marked(html, "Ein deutsches Profil des Feldes.")
    # The change of the English name is English: not marked.
    assert (
        '<td class="kern-table__cell"><del class="ris-diff-del">—</del> '
        '<ins class="ris-diff-ins">Field A in English</ins>'
    ) in html
    html = _get(client, cast.staff, reverse("fields:theme_history", args=[named["other"].pk]))
    assert_german_marked(html, "Quantentechnologie")
    html = _get(client, cast.staff, reverse("fields:roadmap_history", args=[roadmap.pk]))
    assert_german_marked(html, "Roadmap Photonik")
    assert "(version 1)</h1>" in html  # the words around the title are the UI's
    assert unmarked(html, "(version 1)")
    measure = named["measures"][0]
    html = _get(client, cast.staff, reverse("fields:measure_history", args=[measure.pk]))
    assert_german_marked(html, "Weiterbildung")
    # An actor's name is a proper name, left unmarked as on the actor's own page.
    html = _get(client, cast.staff, reverse("fields:actor_history", args=[named["actor"].pk]))
    assert unmarked(html, "Institut für Photonik")


def test_the_history_pages_of_goals_activities_and_assessments(client, cast, named):
    goal = DevelopmentGoalFactory(field=cast.field_a, title="Deutsches Entwicklungsziel")
    html = _get(client, cast.staff, reverse("governance:goal_history", args=[goal.pk]))
    assert_german_marked(html, "Deutsches Entwicklungsziel")
    activity = ActivityFactory(title="Deutsche Aktivität")
    html = _get(client, cast.staff, reverse("monitoring:activity_history", args=[activity.pk]))
    assert_german_marked(html, "Deutsche Aktivität")
    narrative = narrative_save(
        kind=Report.Kind.ANNUAL,
        year=2025,
        ref=ChapterRef(Narrative.Chapter.FIELD, cast.field_a),
        text="Eine deutsche Einschätzung.",
        expected_version=None,
    )
    narrative_save(
        kind=Report.Kind.ANNUAL,
        year=2025,
        ref=ChapterRef(Narrative.Chapter.FIELD, cast.field_a),
        text="Eine geänderte deutsche Einschätzung.",
        expected_version=narrative.version,
    )
    url = reverse("reports:narrative_history", args=[narrative.pk])
    html = _get(client, cast.staff, url)
    assert _title(html).startswith("History: Assessment Field A in English 2025 – ")
    assert "Assessment Field A in English 2025</h1>" in html
    assert_german_marked(html, "geänderte")


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("fields:field_detail", "field"),
        ("fields:theme_detail", "theme"),
        ("fields:field_portfolio", "field"),
        ("fields:network_detail", "network"),
        ("fields:need_detail", "need"),
        ("fields:roadmap_detail", "roadmap"),
        ("fields:theme_list", None),
        ("fields:need_list", None),
        ("fields:network_list", None),
        ("fields:roadmap_list", None),
        ("monitoring:dashboard", None),
        ("thread:roadmap_chain", "roadmap"),
        ("fields:theme_history", "theme"),
        ("fields:roadmap_history", "roadmap"),
    ],
)
def test_german_ui_marks_nothing(client, cast, named, url_name, args):
    _indicator_with_values(cast.field_a, "Deutsche Kennzahl")
    url = reverse(url_name, args=[named[args].pk] if args else [])
    html = _get(client, cast.staff, url, language="de")
    assert '<html lang="de"' in html
    assert marked_german(html) == 0
    assert "Field A in English" not in html


def test_a_roadmap_named_on_other_pages_marks_only_its_title(client, cast, named):
    """str(roadmap) is "title (Fassung n)": only the title is German content; "(version n)" is
    the UI's words and must be read in English (the pages used to mark both)."""
    roadmap, measure, need = named["roadmap"], named["measures"][0], named["need"]
    measure.needs.add(need)
    meeting = MeetingFactory(body=cast.board_a)
    AgendaItemFactory(meeting=meeting, title="Beratung der Roadmap", roadmap=roadmap)
    pages = {
        "field": reverse("fields:field_detail", args=[cast.field_a.pk]),
        "need": reverse("fields:need_detail", args=[need.pk]),
        "measure": reverse("fields:measure_detail", args=[measure.pk]),
        "meeting": reverse("governance:meeting_detail", args=[meeting.pk]),
        "chain": reverse("thread:roadmap_chain", args=[roadmap.pk]),
    }
    wrong = []
    for page, url in pages.items():
        html = _get(client, cast.staff, url)
        assert "Roadmap Photonik (version 1)" in re.sub(r"<[^>]+>", "", html), page
        assert_german_marked(html, "Roadmap Photonik")
        if not unmarked(html, "(version 1)"):
            wrong.append(page)
    assert wrong == []
