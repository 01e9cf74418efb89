"""Monitoring and report pages in the English UI: fields and indicators by their English name
where they have one (also in <title>), German texts marked lang="de"; nothing marked in German.

Regression tests for issue 15 (see `tests/fields/test_internal_language.py`).
"""

import datetime

import pytest
from django.urls import reverse

from monitoring.services import import_batch_create
from reports.models import Narrative, Report
from reports.narratives import narrative_comment_create
from tests.factories import IndicatorFactory
from tests.html_language import assert_german_marked, get_page, marked_german, title, unmarked
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorValueFactory,
    QualityConfirmationFactory,
    YearLockFactory,
)
from tests.reports.factories import NarrativeFactory, ReportFactory


@pytest.fixture
def named(cast):
    cast.field_a.name_en = "Field A in English"
    cast.field_a.save()
    indicator = IndicatorFactory(code="MON-X", name="Anzahl Projekte", name_en="Number of projects")
    IndicatorValueFactory(indicator=indicator, year=2024, value=10)
    IndicatorValueFactory(
        indicator=indicator, year=2024, value=4, field=cast.field_a, source_note="Eigene Erhebung"
    )
    german = IndicatorFactory(code="MON-Y", name="Deutsche Kennzahl")
    IndicatorValueFactory(indicator=german, year=2024, value=3)
    report = ReportFactory(title="Deutscher Monitoringbericht", description="Eine Beschreibung.")
    narrative = NarrativeFactory(
        kind=Report.Kind.ANNUAL,
        year=2025,
        chapter=Narrative.Chapter.FIELD,
        field=cast.field_a,
        text="Eine deutsche Einschätzung.",
    )
    narrative_comment_create(narrative=narrative, author=cast.steering, text="Ein Kommentar.")
    return {"indicator": indicator, "german": german, "report": report}


def _urls(named):
    return {
        "indicator_manage": reverse("monitoring:indicator_manage", args=[named["indicator"].pk]),
        "german_indicator": reverse("monitoring:indicator_manage", args=[named["german"].pk]),
        "completeness": reverse("monitoring:completeness"),
        "report_detail": reverse("reports:report_detail", args=[named["report"].pk]),
        "narrative_overview": reverse("reports:narrative_overview") + "?jahr=2025",
        "narrative_chapter": reverse(
            "reports:narrative_chapter",
            kwargs={"kind": "jahresbericht", "year": 2025, "chapter": "feld-feld-a"},
        ),
    }


def test_the_indicator_page_for_staff(client, cast, named):
    urls = _urls(named)
    html = get_page(client, cast.staff, urls["indicator_manage"])
    assert title(html).startswith("MON-X – Number of projects – ")
    assert "MON-X – Number of projects</h1>" in html
    assert "Field A in English" in html
    assert_german_marked(html, "Eigene Erhebung")
    html = get_page(client, cast.staff, urls["german_indicator"])
    assert_german_marked(html, "Deutsche Kennzahl")


def test_the_completeness_page(client, cast, named):
    html = get_page(client, cast.staff, _urls(named)["completeness"])
    assert "Number of projects" in html
    assert "Field A in English" in html
    assert_german_marked(html, "Deutsche Kennzahl")


def test_the_report_page(client, cast, named):
    urls = _urls(named)
    html = get_page(client, cast.staff, urls["report_detail"])
    assert_german_marked(html, "Deutscher Monitoringbericht", "Eine Beschreibung.")


def test_the_assessments(client, cast, named):
    urls = _urls(named)
    html = get_page(client, cast.steering, urls["narrative_overview"])
    assert "Field A in English" in html
    html = get_page(client, cast.steering, urls["narrative_chapter"])
    assert title(html).startswith("Field A in English – ")
    assert_german_marked(html, "Eine deutsche Einschätzung.", "Ein Kommentar.")


@pytest.mark.parametrize(
    "page",
    [
        "indicator_manage",
        "german_indicator",
        "completeness",
        "report_detail",
        "narrative_overview",
        "narrative_chapter",
    ],
)
def test_german_ui_marks_nothing(client, cast, named, page):
    html = get_page(client, cast.staff, _urls(named)[page], language="de")
    assert marked_german(html) == 0
    assert "Field A in English" not in html


@pytest.fixture
def confirmed(cast, named):
    """A locked year with a German note; a confirmed warning on field A's value, and one on the
    value for all of Thuringia, each with a German reason."""
    YearLockFactory(year=2023, note="Eine deutsche Anmerkung zur Sperre.")
    values = named["indicator"].values.order_by("field")
    QualityConfirmationFactory(value=values.get(field=cast.field_a), reason="Deutscher Grund")
    QualityConfirmationFactory(value=values.get(field=None), reason="Zweiter deutscher Grund")


def test_the_year_locks(client, cast, confirmed):
    html = get_page(client, cast.staff, reverse("monitoring:year_locks"))
    assert_german_marked(html, "Eine deutsche Anmerkung zur Sperre.")


def test_the_quality_confirmations(client, cast, confirmed):
    for user in (cast.staff, cast.ministry):
        html = get_page(client, user, reverse("monitoring:quality_confirmations"))
        assert "Field A in English" in html
        assert "Feld A" not in html
        assert "Thuringia as a whole" in html
        assert_german_marked(html, "Deutscher Grund", "Zweiter deutscher Grund")


@pytest.mark.parametrize("url_name", ["year_locks", "quality_confirmations"])
def test_german_ui_marks_nothing_on_the_quality_pages(client, cast, confirmed, url_name):
    html = get_page(client, cast.staff, reverse(f"monitoring:{url_name}"), language="de")
    assert marked_german(html) == 0
    assert "Field A in English" not in html


@pytest.fixture
def import_batch(cast):
    """An import of activities in preview: a changed title and description, a new row."""
    ActivityFactory(
        reference="P-1",
        kind="studie",
        title="Alter deutscher Titel",
        description="Alte Beschreibung",
        start_date=datetime.date(2024, 1, 1),
    )
    content = (
        "Kennung;Art;Titel;Beginn;Teilnehmende;Beschreibung\n"
        "P-1;Studie;Neuer deutscher Titel;01.01.2024;;Neue Beschreibung\n"
        "P-2;Studie;Deutsches Fachforum;01.01.2024;987;Eine deutsche Beschreibung\n"
    )
    batch, _preview = import_batch_create(
        kind="activities", file_name="p.csv", content=content.encode(), user=cast.staff
    )
    return batch


def test_the_import_preview(client, cast, import_batch):
    url = reverse("monitoring:import_detail", args=[import_batch.pk])
    html = get_page(client, cast.staff, url)
    assert_german_marked(
        html,
        "Neuer deutscher Titel",
        "Alter deutscher Titel",
        "Alte Beschreibung",
        "Neue Beschreibung",
        "Deutsches Fachforum",
        "Eine deutsche Beschreibung",
    )
    assert unmarked(html, "987")  # a number, in the UI's language
    html = get_page(client, cast.staff, url, language="de")
    assert marked_german(html) == 0
