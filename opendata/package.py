"""Build the open-data package: one CSV per table, datapackage.json and dcat.ttl, as bytes.

Deterministic: the same data gives the same bytes (rows in primary-key order, no build time in
any file; dates come from the data), so a rebuild without changes stores nothing new.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from ris_portal.files import InMemoryFile
from ris_portal.spreadsheets import escape_formula

from . import dcat
from .licences import current_licence
from .schema import Table
from .tables_content import TABLES as CONTENT_TABLES
from .tables_governance import TABLES as GOVERNANCE_TABLES
from .tables_monitoring import TABLES as MONITORING_TABLES

TABLES: tuple[Table, ...] = CONTENT_TABLES + GOVERNANCE_TABLES + MONITORING_TABLES
PACKAGE_NAME = "ris-thueringen"


@dataclass
class BuiltFile(InMemoryFile):
    name: str
    content: bytes
    media_type: str


@dataclass
class BuiltTable:
    table: Table
    file: BuiltFile
    rows: int
    modified: datetime.datetime | None


def _cell(value, column) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "") else text
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
        return utc.isoformat() + "Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if column.type == "string" and not column.format:
        # Spreadsheets open these files too: text that looks like a formula gets an apostrophe.
        return escape_formula(str(value))
    return str(value)


def build_table(table: Table) -> BuiltTable:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    count, modified = 0, None
    for row, changed in table.rows():
        writer.writerow([_cell(row[column.name], column) for column in table.columns])
        count += 1
        if changed is not None and (modified is None or changed > modified):
            modified = changed
    content = buffer.getvalue().encode("utf-8")
    return BuiltTable(table, BuiltFile(table.path, content, "text/csv"), count, modified)


def _field_schema(column) -> dict:
    field = {
        "name": column.name,
        "type": column.type,
        "title": column.title_de,
        "description": column.description_de,
        "title_en": column.title_en,
        "description_en": column.description_en,
    }
    if column.format:
        field["format"] = column.format
    constraints = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.name in ("id",):
        constraints["unique"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _table_schema(table: Table) -> dict:
    fields = [_field_schema(column) for column in table.columns]
    for field in fields:
        if field["name"] in table.unique:
            field.setdefault("constraints", {})["unique"] = True
    schema = {"fields": fields, "primaryKey": [table.primary_key], "missingValues": [""]}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": resource, "fields": [target]}}
            for column, resource, target in table.foreign_keys
        ]
    return schema


def datapackage(built: list[BuiltTable]) -> dict:
    licence = current_licence()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "RIS-Portal Thüringen: offene Daten",
        "title_en": "RIS portal Thuringia: open data",
        "description": (
            "Alle öffentlichen Daten des RIS-Portals Thüringen (Regionale Innovationsstrategie): "
            "Spezialisierungsfelder, Themen, Netzwerke, veröffentlichte Roadmaps mit "
            "Handlungsfeldern und Maßnahmen, Gremien, öffentliche Beschlüsse, Veranstaltungen, "
            "Indikatoren mit veröffentlichten Werten und Zielwerten, Monitoringberichte."
        ),
        "description_en": (
            "All public data of the RIS portal Thuringia (Regional Innovation Strategy): "
            "specialisation fields, themes, networks, published roadmaps with action fields and "
            "measures, bodies, public decisions, events, indicators with published values and "
            "targets, monitoring reports."
        ),
        "homepage": settings.SITE_URL + "/open-data/",
        "language": ["de", "en"],
        "licenses": [{"name": licence.spdx, "path": licence.url, "title": licence.title}],
        "attribution": settings.OPEN_DATA_ATTRIBUTION,
        "contributors": [
            {
                "title": settings.OPEN_DATA_PUBLISHER,
                "path": settings.OPEN_DATA_PUBLISHER_URL,
                "role": "publisher",
            }
        ],
        "resources": [
            {
                "name": item.table.name,
                "path": item.file.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": item.table.title_de,
                "title_en": item.table.title_en,
                "description": item.table.description_de,
                "description_en": item.table.description_en,
                "bytes": len(item.file.content),
                "hash": f"sha256:{item.file.sha256}",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": _table_schema(item.table),
            }
            for item in built
        ],
    }


def build_package() -> list[BuiltFile]:
    """Every file of the package: the CSVs, datapackage.json and dcat.ttl."""
    built = [build_table(table) for table in TABLES]
    package = json.dumps(datapackage(built), ensure_ascii=False, indent=2, sort_keys=False)
    files = [item.file for item in built]
    files.append(
        BuiltFile("datapackage.json", (package + "\n").encode("utf-8"), "application/json")
    )
    files.append(BuiltFile("dcat.ttl", dcat.catalogue(built).encode("utf-8"), "text/turtle"))
    return files
