"""Building blocks of the open-data tables: columns with German and English titles and
descriptions, and tables whose rows come from the same selectors as the public API.

Every table is a list of `Column`s and a `rows()` function yielding (row dict, last change);
the last change of a table's rows becomes `dct:modified` in the DCAT catalogue, so that an
unchanged table keeps its date and the build stays deterministic.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings

from ris_portal.roles import ANONYMOUS_ROLES

# The open data contains exactly what the public reads (the API's selectors with these roles).
PUBLIC = ANONYMOUS_ROLES


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: integer, number, string, boolean, date, datetime
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    required: bool = False
    enum: tuple[str, ...] = ()
    format: str = ""  # e.g. "uri"


@dataclass(frozen=True)
class Table:
    name: str  # resource name and file stem
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[tuple[dict, datetime.datetime | None]]]
    primary_key: str = "id"
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    unique: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


def _url(path: str) -> str:
    return settings.SITE_URL + path


def ID(what_de: str, what_en: str) -> Column:
    return Column(
        "id",
        "integer",
        "Kennung",
        "Identifier",
        f"Eindeutige Kennung {what_de} im RIS-Portal.",
        f"Unique identifier of the {what_en} in the RIS portal.",
        required=True,
    )


# References that several tables carry with the same wording.
FIELD_REF = Column(
    "field_id",
    "integer",
    "Spezialisierungsfeld",
    "Specialisation field",
    "Kennung des Feldes (fields.id).",
    "Identifier of the field (fields.id).",
    required=True,
)
ROADMAP_REF = Column(
    "roadmap_id",
    "integer",
    "Roadmap",
    "Roadmap",
    "Kennung der Roadmap (roadmaps.id).",
    "Identifier of the roadmap (roadmaps.id).",
    required=True,
)


def _enum(choices) -> tuple[str, ...]:
    return tuple(value for value, _label in choices)


def _web(title_de="Seite im Portal", title_en="Portal page") -> Column:
    return Column(
        "web_url",
        "string",
        title_de,
        title_en,
        "Adresse der öffentlichen Seite im RIS-Portal.",
        "Address of the public page in the RIS portal.",
        format="uri",
    )


def _text(name, de, en, desc_de, desc_en, required=False) -> Column:
    return Column(name, "string", de, en, desc_de, desc_en, required=required)


MARKDOWN_DE = " (Markdown)"
MARKDOWN_EN = " (Markdown)"
