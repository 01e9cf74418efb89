"""One regression test per finding of issue 10 ("Numbers the ministry can sign").

The findings were measured on the demo report 2025; each test rebuilds the situation with a
few rows (history written "in the past" with time-machine) and reads the rendered report (the
HTML WeasyPrint draws) and its embedded CSV:

1. a field's value rated against the Thuringia-wide target ("hinter Plan −85 %")
   → `test_a_field_value_is_rated_only_against_a_target_of_its_field`
2. the statewide indicators only as definitions in the appendix
   → `test_the_statewide_indicators_have_value_target_and_status_in_the_body`
3. archived values and targets counted (a rolled-back import)
   → `test_archived_values_and_targets_are_never_printed`
   (dashboard, report and CSV agree: tests/reports/test_one_source_of_truth.py)
4. a roadmap published later and today's profile text in the report of 2025
   → `test_the_report_shows_nothing_of_what_came_after_the_stichtag`
5. no indicator time series → `test_indicator_time_series_are_svg_charts_with_a_data_table`
6. English or raw text, wrong plurals → `test_plural_forms_come_from_ngettext`; the EU
   indicator names, "RIS3 profile (year n/a)" and the CSV column "Einheit" on the demo data:
   tests/reports/test_demo_report.py::test_it_prints_no_english_or_raw_text
7. a final value three times last year's accepted without a word
   → tests/monitoring/test_plausibility.py::
     test_a_final_value_three_times_last_years_is_not_accepted_without_a_word
   nobody can see which values are missing
   → tests/reports/test_report_quality.py::test_the_appendix_lists_the_gaps_as_they_stood_on_
     the_stichtag and tests/monitoring/test_completeness.py
8. the scale benchmark: bench/render_report.py
"""

import base64
import csv
import datetime
import io
import re
from decimal import Decimal
from html import unescape

import pytest

from fields.models import Roadmap, Theme
from reports.content import ReportSpec, build_report_content
from reports.pdf import ReportRenderer, content_csv
from tests.factories import IndicatorFactory, MeasureFactory, RoadmapFactory, ThemeFactory
from tests.monitoring.factories import ActivityFactory, IndicatorValueFactory, TargetFactory
from tests.reports.timeline import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cast_since_2020")]

STICHTAG = datetime.date(2025, 12, 31)


class Rendered:
    """The report as of `stichtag`: its HTML (what the PDF prints) and its CSV rows."""

    def __init__(self, stichtag=STICHTAG, year=2025):
        content = build_report_content(ReportSpec(year=year, title="Bericht", stichtag=stichtag))
        self.html = ReportRenderer().html(content)
        self.csv_text = content_csv(content).decode("utf-8-sig")
        self.rows = list(csv.DictReader(io.StringIO(self.csv_text), delimiter=";"))

    def chapter(self, key: str) -> str:
        """The HTML of one chapter (`<section id="key">` up to the next chapter)."""
        start = self.html.index(f'<section class="chapter" id="{key}">')
        end = self.html.find('<section class="chapter"', start + 1)
        return self.html[start : end if end > 0 else None]

    def csv(self, code: str, metric: str, field: str = "") -> list[tuple[str, str]]:
        return [
            (row["Jahr oder Zeitraum"], row["Wert"])
            for row in self.rows
            if row["Code"] == code and row["Merkmal"] == metric and row["Feldcode"] == field
        ]


def target(indicator, baseline, goal, *, until=2027, **extra):
    """A target of `indicator` (statewide unless `field=` is given): `baseline` in 2021 → `goal`."""
    return TargetFactory(
        indicator=indicator,
        baseline_year=2021,
        baseline_value=baseline,
        target_year=until,
        target_value=goal,
        **extra,
    )


def figure_of(html: str, code: str) -> str:
    """The time-series figure (chart and data table) of indicator `code`."""
    [figure] = [
        f for f in re.findall(r'<figure class="indicator">.*?</figure>', html, re.S) if code in f
    ]
    return figure


def table_row(html: str, needle: str) -> str:
    """The `<tr>` that contains `needle`."""
    [row] = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if needle in r]
    return row


# --- 1. a field is rated only against a target of the field ----------------------------------
def test_a_field_value_is_rated_only_against_a_target_of_its_field(cast):
    with at(datetime.date(2025, 2, 1)):
        projects = IndicatorFactory(
            code="MON-RD-PROJECTS", name="FuE-Projekte", kind="output", level="land", unit="Anzahl"
        )
        # Thuringia: 100 (2021) → 400 (2027), planned 300 for 2025.
        target(projects, 100, 400)
        # Field B has a target of its own: 10 (2021) → 70 (2027), planned 50 for 2025.
        target(projects, 10, 70, field=cast.field_b)
        IndicatorValueFactory(indicator=projects, year=2025, value=180, status="endgueltig")
        for field, value in ((cast.field_a, 40), (cast.field_b, 50)):
            IndicatorValueFactory(
                indicator=projects, field=field, year=2025, value=value, status="endgueltig"
            )

    report = Rendered()
    # Field A against Thuringia's path would be "hinter Plan −86,7 %".
    row_a = table_row(report.chapter("feld-feld-a"), "MON-RD-PROJECTS")
    assert "kein Ziel für dieses Feld" in row_a
    assert "Plan" not in row_a and "%" not in row_a.replace("(Anzahl)", "")
    assert "400" not in row_a and "86,7" not in report.chapter("feld-feld-a")
    assert report.csv("MON-RD-PROJECTS", "Bewertung", "FA") == [
        ("2025", "kein Ziel für dieses Feld")
    ]
    assert report.csv("MON-RD-PROJECTS", "Abweichung vom Zielpfad", "FA") == []
    assert report.csv("MON-RD-PROJECTS", "Zielwert", "FA") == []
    # Field B is rated against its own path; Thuringia against the statewide one.
    row_b = table_row(report.chapter("feld-feld-b"), "MON-RD-PROJECTS")
    assert "70 (2027)" in row_b and "auf Kurs" in row_b
    assert dict(report.csv("MON-RD-PROJECTS", "Bewertung", "FB"))["2025"] == "auf Kurs"
    assert dict(report.csv("MON-RD-PROJECTS", "Bewertung"))["2025"] == "hinter Plan"
    assert dict(report.csv("MON-RD-PROJECTS", "Abweichung vom Zielpfad"))["2025"] == "-40"


# --- 2. the statewide indicators in the body -------------------------------------------------
def test_the_statewide_indicators_have_value_target_and_status_in_the_body(cast):
    with at(datetime.date(2021, 3, 1)):
        quota = IndicatorFactory(
            code="CTX-RD-GDP", name="FuE-Ausgaben in % des BIP", kind="context", level="land",
            unit="%",
        )  # fmt: skip
        funding = IndicatorFactory(
            code="MON-FUNDING", name="Fördermittel", kind="output", level="land", unit="EUR"
        )
        target(quota, Decimal("2.45"), 3)
    for year, value in ((2021, "2.45"), (2022, "2.55"), (2023, "2.65"), (2024, "2.76")):
        with at(datetime.date(year, 12, 1)):
            IndicatorValueFactory(indicator=quota, year=year, value=value, status="endgueltig")
    with at(datetime.date(2025, 12, 1)):
        IndicatorValueFactory(indicator=quota, year=2025, value="2.87", status="vorlaeufig")
        IndicatorValueFactory(indicator=funding, year=2025, value=1250000, status="endgueltig")

    report = Rendered()
    overview = report.chapter("ueberblick")
    assert report.html.index('id="ueberblick"') < report.html.index('id="feld-feld-a"')
    assert "CTX-RD-GDP – FuE-Ausgaben in % des BIP (%), Thüringen" in overview
    assert "Basiswert 2,45 (2021), Ziel 3 bis 2027" in overview
    row_2025 = table_row(figure_of(overview, "CTX-RD-GDP"), '<th scope="row">2025</th>')
    # Planned for 2025: 2,45 + 0,55 × 4/6 ≈ 2,82; 2,87 lies 1,9 % above: on track.
    assert "2,87 (vorläufig)" in row_2025 and "2,82" in row_2025
    assert "1,9 %" in row_2025 and "auf Kurs" in row_2025
    for year in range(2021, 2025):
        assert f'<th scope="row">{year}</th>' in overview
    # An indicator without a target shows its value and says that it is not rated.
    funding = figure_of(overview, "MON-FUNDING")
    assert "MON-FUNDING – Fördermittel (EUR), Thüringen</a>. Kein Zielwert festgelegt" in funding
    funding_row = table_row(funding, '<th scope="row">2025</th>')
    assert "1.250.000" in funding_row and "kein Ziel festgelegt" in funding_row
    assert report.csv("CTX-RD-GDP", "Ist-Wert")[-1] == ("2025", "2.87")
    assert report.csv("CTX-RD-GDP", "Bewertung")[-1] == ("2025", "auf Kurs")


# --- 3. archived values and targets ---------------------------------------------------------
def test_archived_values_and_targets_are_never_printed(cast):
    with at(datetime.date(2025, 2, 1)):
        indicator = IndicatorFactory(
            code="ARCH-1", name="Archivprobe", kind="output", level="land", unit="Anzahl"
        )
        # As a rolled-back import leaves them: archived rows beside the live ones.
        target(indicator, 1, Decimal("9876.5"), is_archived=True)
        target(indicator, 1, Decimal("8765.5"), field=cast.field_a, is_archived=True)
        IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("7777.77"))
        IndicatorValueFactory(indicator=indicator, year=2024, value=12, status="endgueltig")
        IndicatorValueFactory(indicator=indicator, field=cast.field_a, year=2025, value=3)
        IndicatorValueFactory(
            indicator=indicator, field=cast.field_b, year=2025, value=Decimal("5555.5")
        )
    with at(datetime.date(2025, 3, 1)):
        for value in indicator.values.filter(value__in=[Decimal("7777.77"), Decimal("5555.5")]):
            value.is_archived = True
            value.save()

    report = Rendered()
    for archived in ("7.777,77", "9.876,5", "8.765,5", "5.555,5"):
        assert archived not in report.html, archived
    for archived in ("7777.77", "9876.5", "8765.5", "5555.5"):
        assert archived not in report.csv_text, archived
    assert report.csv("ARCH-1", "Ist-Wert") == [("2024", "12")]
    assert report.csv("ARCH-1", "Bewertung") == [("2024", "kein Ziel festgelegt")]
    assert report.csv("ARCH-1", "Ist-Wert", "FA") == [("2025", "3")]
    assert report.csv("ARCH-1", "Bewertung", "FA") == [("2025", "kein Ziel für dieses Feld")]
    assert "ARCH-1" not in report.chapter("feld-feld-b").split("<h2>Indikatoren 2025</h2>")[1]
    assert "Kein Zielwert festgelegt" in report.chapter("ueberblick")


# --- 4. nothing that came after the Stichtag ------------------------------------------------
def test_the_report_shows_nothing_of_what_came_after_the_stichtag(cast):
    with at(datetime.date(2025, 3, 1)):
        field = cast.field_a
        field.profile = "Das Feld bündelt die **Stärken** von 2025."
        field.save()
        theme = ThemeFactory(field=field, name="Photonik", status=Theme.Status.ACTIVE)
        draft = RoadmapFactory(network__theme=theme, title="Roadmap Photonik 2030")
        MeasureFactory(
            action_field__roadmap=draft,
            action_field__title="Fachkräfte",
            title="Weiterbildungsverbund",
        )
        indicator = IndicatorFactory(
            code="LATE-1", name="Nachzügler", kind="output", level="land", unit="Anzahl"
        )
        IndicatorValueFactory(indicator=indicator, year=2024, value=11, status="endgueltig")
    with at(datetime.date(2026, 11, 20)):  # as when the finding was measured
        field.profile = "Neu 2026: Das Feld setzt auf Wasserstoff."
        field.save()
        draft.status = Roadmap.Status.PUBLISHED
        draft.save()
        IndicatorValueFactory(indicator=indicator, year=2025, value=13, status="endgueltig")
        ThemeFactory(field=field, name="Quantentechnologie", status=Theme.Status.HIGHLIGHT)

    report = Rendered()
    chapter = report.chapter("feld-feld-a")
    assert "Das Feld bündelt die <strong>Stärken</strong> von 2025." in chapter
    assert "Photonik" in chapter
    for later in ("Neu 2026", "Wasserstoff", "Roadmap Photonik 2030", "Quantentechnologie"):
        assert later not in report.html and later not in report.csv_text, later
    assert "Für dieses Feld lag am Stichtag keine beschlossene Roadmap vor." in chapter
    assert report.csv("LATE-1", "Ist-Wert") == [("2024", "11")]
    # The report of 2026 shows the new state.
    later = Rendered(stichtag=datetime.date(2026, 12, 31), year=2026)
    assert "Neu 2026" in later.html and "Roadmap Photonik 2030" in later.html
    assert "Quantentechnologie" in later.html
    assert later.csv("LATE-1", "Ist-Wert") == [("2024", "11"), ("2025", "13")]


# --- 5. indicator time series ---------------------------------------------------------------
def test_indicator_time_series_are_svg_charts_with_a_data_table(cast):
    with at(datetime.date(2021, 3, 1)):
        statewide = IndicatorFactory(
            code="TS-LAND", name="Patentanmeldungen", kind="result", level="land", unit="Anzahl"
        )
        per_field = IndicatorFactory(
            code="TS-FELD", name="Verbundprojekte", kind="output", level="feld", unit="Anzahl"
        )
        target(statewide, 100, 150, until=2026)
        for year in range(2021, 2026):
            IndicatorValueFactory(
                indicator=statewide, year=year, value=100 + 8 * (year - 2021), status="endgueltig"
            )
        for year in (2022, 2023, 2025):  # 2021 and 2024 missing: gaps in the line
            IndicatorValueFactory(
                indicator=per_field, field=cast.field_b, year=year, value=year - 2020
            )

    report = Rendered()
    for key, code, where, years in (
        ("ueberblick", "TS-LAND", "Thüringen", range(2021, 2026)),
        ("feld-feld-b", "TS-FELD", "Feld B", (2022, 2023, 2025)),
    ):
        figure = figure_of(report.chapter(key), code)
        # The PDF embeds the chart as an SVG image whose alternative text is the chart title.
        image = re.search(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,([^"]+)">', figure)
        assert re.fullmatch(rf"{code} – .*, {where}", unescape(image[1]))
        svg = base64.b64decode(image[2]).decode("utf-8")
        assert 'role="img"' in svg
        assert re.search(rf"<title[^>]*>{code} – .*, {where}</title>", svg)
        assert re.search(rf"<desc[^>]*>{code} {where}, 2021–2025: ", svg)
        assert "<polyline" in svg
        for year in range(2021, 2026):  # the axis names every year of the window
            assert f">{year}</text>" in svg
        caption = re.search(r"<caption>Daten zum Diagramm „(.*?)“</caption>", figure)[1]
        assert caption.startswith(f"{code} – ") and caption.endswith(f", {where}")
        assert re.findall(r'<th scope="row">(\d{4})</th>', figure) == [str(y) for y in years]
    assert "Zielpfad" in figure_of(report.chapter("ueberblick"), "TS-LAND")


# --- 6. plural forms ------------------------------------------------------------------------
def test_plural_forms_come_from_ngettext(cast):
    with at(datetime.date(2025, 2, 1)):
        ThemeFactory(field=cast.field_a, name="Aktiv A", status=Theme.Status.ACTIVE)
        ThemeFactory(field=cast.field_a, name="Kandidat A", status=Theme.Status.CANDIDATE)
        ThemeFactory(field=cast.field_b, name="Kandidat B1", status=Theme.Status.CANDIDATE)
        ThemeFactory(field=cast.field_b, name="Ruhend B2", status=Theme.Status.DORMANT)
        # Field A: one activity more than the PDF lists; field B: exactly one.
        for number in range(26):
            ActivityFactory(unfunded=True, title=f"Aktivität A{number:02d}", fields=[cast.field_a])
        ActivityFactory(unfunded=True, title="Aktivität B", fields=[cast.field_b])

    report = Rendered()
    field_a, field_b = report.chapter("feld-feld-a"), report.chapter("feld-feld-b")
    governance = report.chapter("governance")
    assert "Ein weiteres Thema ist als Kandidat oder ruhend geführt." in field_a
    assert "Weitere 2 Themen sind als Kandidaten oder ruhend geführt." in field_b
    assert "Eine weitere Aktivität steht in der eingebetteten CSV-Datei." in field_a
    assert "Eine Aktivität im Jahr 2025" in field_b
    assert "Lenkungskreis RIS Thüringen: 1 Mitglied</caption>" in governance
    assert "Strategiebeirat B: 0 Mitglieder</caption>" in governance
    # Nowhere a plural noun after the number one ("1 Mitglieder", "Weitere 1 Themen").
    text = re.sub(r"<[^>]+>", " ", report.html)
    plural_after_one = re.findall(
        r"(?:\b[Ww]eitere 1 \w+|(?<![\d.,])\b1 (?:Mitglieder|Themen|Maßnahmen|Aktivitäten|"
        r"Indikatoren|Sitzungen|Beschlüsse|Runden|Werte|Seiten|Akteure)\b)",
        text,
    )
    assert plural_after_one == []
