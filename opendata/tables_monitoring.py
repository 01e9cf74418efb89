"""Open-data tables of monitoring: indicators, their published values, targets and reports."""

from django.urls import reverse

from api import selectors
from monitoring.models import Indicator, IndicatorValue
from reports.models import Report

from .schema import ID, MARKDOWN_DE, MARKDOWN_EN, PUBLIC, Column, Table, _enum, _text, _url, _web


def _indicator_rows():
    for indicator in selectors.indicators_for(PUBLIC).order_by("pk"):
        yield (
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "name_en": indicator.name_en,
                "unit": indicator.unit,
                "kind": indicator.kind,
                "level": indicator.level,
                "direction": indicator.direction,
                "source": indicator.source,
                "erdf_code": indicator.erdf_code,
                "description": indicator.description,
                "web_url": _url(
                    reverse("monitoring:indicator_public", kwargs={"code": indicator.code})
                ),
            },
            indicator.updated_at,
        )


INDICATORS = Table(
    "indicators",
    "Indikatoren",
    "Indicators",
    "Indikatoren des Monitorings der RIS Thüringen mit Definition und Quelle.",
    "Monitoring indicators of the RIS Thuringia with definition and source.",
    (
        ID("des Indikators", "indicator"),
        _text(
            "code",
            "Code",
            "Code",
            "Eindeutiger Code des Indikators.",
            "Unique code of the indicator.",
            True,
        ),
        _text("name", "Name", "Name", "Name (deutsch).", "Name (German).", True),
        _text(
            "name_en", "Name (englisch)", "Name (English)", "Name (englisch).", "Name (English)."
        ),
        _text("unit", "Einheit", "Unit", "Einheit der Werte.", "Unit of the values."),
        Column(
            "kind",
            "string",
            "Art",
            "Kind",
            "kontext, output oder ergebnis.",
            "kontext (context), output or ergebnis (result).",
            True,
            enum=_enum(Indicator.Kind.choices),
        ),
        Column(
            "level",
            "string",
            "Ebene",
            "Level",
            "land, feld, programm oder projekt.",
            "land (Thuringia), feld (field), programm (programme) or projekt (project).",
            True,
            enum=_enum(Indicator.Level.choices),
        ),
        Column(
            "direction",
            "string",
            "Richtung",
            "Direction",
            "hoeher (höher ist besser), niedriger oder neutral.",
            "hoeher (higher is better), niedriger (lower is better) or neutral.",
            True,
            enum=_enum(Indicator.Direction.choices),
        ),
        _text("source", "Quelle", "Source", "Datenquelle.", "Data source."),
        _text(
            "erdf_code",
            "EFRE-Code",
            "ERDF code",
            "Code im EFRE-Programm, wenn vorhanden.",
            "Code in the ERDF programme, if any.",
        ),
        _text(
            "description",
            "Definition",
            "Definition",
            "Definition" + MARKDOWN_DE + ".",
            "Definition" + MARKDOWN_EN + ".",
        ),
        _web(),
    ),
    _indicator_rows,
    unique=("code",),
)


def _value_rows():
    for value in selectors.indicator_values_for(PUBLIC):
        yield (
            {
                "id": value.pk,
                "indicator_code": value.indicator.code,
                "field_code": value.field.code if value.field_id else "",
                "year": value.year,
                "value": value.value,
                "status": value.status,
                "is_sample": value.is_sample,
                "source_note": value.source_note,
            },
            value.updated_at,
        )


SCOPE_DE = "Code des Spezialisierungsfelds; leer für ganz Thüringen."
SCOPE_EN = "Code of the specialisation field; empty for Thuringia as a whole."

INDICATOR_VALUES = Table(
    "indicator_values",
    "Indikatorwerte",
    "Indicator values",
    "Werte der Indikatoren für die Jahre, deren Monitoringbericht veröffentlicht ist.",
    "Indicator values for the years whose monitoring report is published.",
    (
        ID("des Werts", "value"),
        _text(
            "indicator_code",
            "Indikator",
            "Indicator",
            "Code des Indikators (indicators.code).",
            "Code of the indicator (indicators.code).",
            True,
        ),
        _text("field_code", "Spezialisierungsfeld", "Specialisation field", SCOPE_DE, SCOPE_EN),
        Column("year", "integer", "Jahr", "Year", "Berichtsjahr.", "Reporting year.", True),
        Column(
            "value",
            "number",
            "Wert",
            "Value",
            "Wert in der Einheit des Indikators.",
            "Value in the unit of the indicator.",
            True,
        ),
        Column(
            "status",
            "string",
            "Status",
            "Status",
            "vorlaeufig oder endgueltig.",
            "vorlaeufig (provisional) or endgueltig (final).",
            True,
            enum=_enum(IndicatorValue.Status.choices),
        ),
        Column(
            "is_sample",
            "boolean",
            "Beispielwert",
            "Sample value",
            "true bei Beispielwerten der Demo-Daten.",
            "true for sample values of demo data.",
            True,
        ),
        _text(
            "source_note",
            "Quellenhinweis",
            "Source note",
            "Quelle und Stand des Werts.",
            "Source and date of the value.",
        ),
    ),
    _value_rows,
    foreign_keys=(("indicator_code", "indicators", "code"),),
)


def _target_rows():
    for target in selectors.targets_for(PUBLIC):
        yield (
            {
                "id": target.pk,
                "indicator_code": target.indicator.code,
                "field_code": target.field.code if target.field_id else "",
                "baseline_year": target.baseline_year,
                "baseline_value": target.baseline_value,
                "target_year": target.target_year,
                "target_value": target.target_value,
                "tolerance_percent": target.tolerance_percent,
                "note": target.note,
            },
            target.updated_at,
        )


TARGETS = Table(
    "targets",
    "Zielwerte",
    "Targets",
    "Basis- und Zielwerte der Indikatoren mit der Toleranz für „auf Kurs“.",
    "Baselines and targets of the indicators with the tolerance for 'on track'.",
    (
        ID("des Zielwerts", "target"),
        _text(
            "indicator_code",
            "Indikator",
            "Indicator",
            "Code des Indikators (indicators.code).",
            "Code of the indicator (indicators.code).",
            True,
        ),
        _text("field_code", "Spezialisierungsfeld", "Specialisation field", SCOPE_DE, SCOPE_EN),
        Column(
            "baseline_year",
            "integer",
            "Basisjahr",
            "Baseline year",
            "Jahr des Basiswerts.",
            "Year of the baseline.",
            True,
        ),
        Column(
            "baseline_value",
            "number",
            "Basiswert",
            "Baseline value",
            "Ausgangswert.",
            "Baseline value.",
            True,
        ),
        Column(
            "target_year",
            "integer",
            "Zieljahr",
            "Target year",
            "Jahr des Zielwerts.",
            "Year of the target.",
            True,
        ),
        Column(
            "target_value", "number", "Zielwert", "Target value", "Zielwert.", "Target value.", True
        ),
        Column(
            "tolerance_percent",
            "number",
            "Toleranz (%)",
            "Tolerance (%)",
            "Abweichung vom Zielpfad in Prozent, die noch als „auf Kurs“ gilt.",
            "Deviation from the target path in percent still counted as on track.",
            True,
        ),
        _text("note", "Anmerkung", "Note", "Anmerkung.", "Note."),
    ),
    _target_rows,
    foreign_keys=(("indicator_code", "indicators", "code"),),
)


def _report_rows():
    for report in selectors.reports_for(PUBLIC).order_by("pk"):
        yield (
            {
                "id": report.pk,
                "kind": report.kind,
                "year": report.year,
                "number": report.number,
                "title": report.title,
                "description": report.description,
                "stichtag": report.stichtag,
                "pages": report.pages,
                "size": report.size,
                "sha256": report.sha256,
                "published_at": report.published_at,
                "download_url": _url(reverse("reports:report_download", kwargs={"pk": report.pk})),
            },
            report.updated_at,
        )


REPORTS = Table(
    "reports",
    "Monitoringberichte",
    "Monitoring reports",
    "Veröffentlichte Monitoringberichte (PDF) mit Prüfsumme.",
    "Published monitoring reports (PDF) with checksum.",
    (
        ID("des Berichts", "report"),
        Column(
            "kind",
            "string",
            "Art",
            "Kind",
            "jahresbericht, abschlussbericht oder altbericht.",
            "jahresbericht (annual), abschlussbericht (final period report) or altbericht "
            "(earlier report, uploaded).",
            True,
            enum=_enum(Report.Kind.choices),
        ),
        Column(
            "year",
            "integer",
            "Berichtsjahr",
            "Reporting year",
            "Berichtsjahr.",
            "Reporting year.",
            True,
        ),
        Column(
            "number",
            "integer",
            "Fassung",
            "Version",
            "Nummer der Fassung.",
            "Version number.",
            True,
        ),
        _text("title", "Titel", "Title", "Titel des Berichts.", "Title of the report.", True),
        _text("description", "Beschreibung", "Description", "Beschreibung.", "Description."),
        Column(
            "stichtag",
            "date",
            "Stichtag",
            "Cut-off date",
            "Der Bericht zeigt den Stand dieses Tages.",
            "The report shows the state of this day.",
        ),
        Column("pages", "integer", "Seiten", "Pages", "Seitenzahl.", "Number of pages."),
        Column(
            "size",
            "integer",
            "Größe (Bytes)",
            "Size (bytes)",
            "Dateigröße in Bytes.",
            "File size in bytes.",
        ),
        _text(
            "sha256",
            "SHA-256",
            "SHA-256",
            "SHA-256-Prüfsumme der PDF-Datei.",
            "SHA-256 checksum of the PDF file.",
        ),
        Column(
            "published_at",
            "datetime",
            "Veröffentlicht am",
            "Published at",
            "Zeitpunkt der Veröffentlichung (UTC).",
            "Time of publication (UTC).",
        ),
        Column(
            "download_url",
            "string",
            "Download",
            "Download",
            "Adresse der PDF-Datei.",
            "Address of the PDF file.",
            True,
            format="uri",
        ),
    ),
    _report_rows,
)

TABLES = (INDICATORS, INDICATOR_VALUES, TARGETS, REPORTS)
