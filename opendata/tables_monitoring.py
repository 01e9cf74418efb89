"""Open-data tables of monitoring: indicators, their published values, targets and reports."""

from api import selectors
from monitoring.models import Indicator, IndicatorValue
from reports.models import Report

from .rows import PUBLIC, object_rows, page_of, public_rows
from .schema import ID, PUBLISHED_AT, VERSION, Column, Table, _enum, _markdown, _text, _title, _web

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
        _markdown("description", "Definition", "Definition"),
        _web(),
    ),
    public_rows(selectors.indicators_for, web_url=page_of("monitoring:indicator_public", "code")),
    unique=("code",),
)


# Values and targets name their indicator and field by code, like the spreadsheets they come from.
INDICATOR_CODE = _text(
    "indicator_code",
    "Indikator",
    "Indicator",
    "Code des Indikators (indicators.code).",
    "Code of the indicator (indicators.code).",
    True,
)
SCOPE = _text(
    "field_code",
    "Spezialisierungsfeld",
    "Specialisation field",
    "Code des Spezialisierungsfelds; leer für ganz Thüringen.",
    "Code of the specialisation field; empty for Thuringia as a whole.",
)


def _coded_table(selector, name, title_de, title_en, description_de, description_en, columns):
    """A table of values or targets: after their id the indicator and the field by code
    (empty: all Thuringia), then `columns`."""
    identifier, *rest = columns
    return Table(
        name,
        title_de,
        title_en,
        description_de,
        description_en,
        (identifier, INDICATOR_CODE, SCOPE, *rest),
        lambda: object_rows(
            selector(PUBLIC),
            indicator_code=lambda row: row.indicator.code,
            field_code=lambda row: row.field.code if row.field_id else "",
        ),
        foreign_keys=(("indicator_code", "indicators", "code"),),
    )


INDICATOR_VALUES = _coded_table(
    selectors.indicator_values_for,
    "indicator_values",
    "Indikatorwerte",
    "Indicator values",
    "Werte der Indikatoren für die Jahre, deren Monitoringbericht veröffentlicht ist.",
    "Indicator values for the years whose monitoring report is published.",
    (
        ID("des Werts", "value"),
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
)


TARGETS = _coded_table(
    selectors.targets_for,
    "targets",
    "Zielwerte",
    "Targets",
    "Basis- und Zielwerte der Indikatoren mit der Toleranz für „auf Kurs“.",
    "Baselines and targets of the indicators with the tolerance for 'on track'.",
    (
        ID("des Zielwerts", "target"),
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
        VERSION,
        _title("des Berichts", "report"),
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
        PUBLISHED_AT,
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
    public_rows(selectors.reports_for, download_url=page_of("reports:report_download")),
)

TABLES = (INDICATORS, INDICATOR_VALUES, TARGETS, REPORTS)
