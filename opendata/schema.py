"""Building blocks of the open-data tables: columns with German and English titles and
descriptions, and tables whose rows come from the same selectors as the public API.

Every table is a list of `Column`s and a `rows()` function yielding (row, last change), a row
giving the cell of each column by its name (see `opendata.rows`); the last change of a table's
rows becomes `dct:modified` in the DCAT catalogue, so that an unchanged table keeps its date and
the build stays deterministic.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol


class Row(Protocol):
    """A row of a table: the cell of a column by the column's name (a dict will do)."""

    def __getitem__(self, name: str, /) -> Any: ...


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
    rows: Callable[[], Iterator[tuple[Row, datetime.datetime | None]]]
    primary_key: str = "id"
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    unique: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


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


def _markdown(name: str, de: str, en: str) -> Column:
    """A Markdown text whose description is its title: "Beschreibung (Markdown)."."""
    return _text(name, de, en, de + MARKDOWN_DE + ".", en + MARKDOWN_EN + ".")


def _title(of_de: str, of_en: str) -> Column:
    """The required title column: "Titel der Roadmap." / "Title of the roadmap."."""
    return _text("title", "Titel", "Title", f"Titel {of_de}.", f"Title of the {of_en}.", True)


# Columns that several tables carry with the same wording.
SLUG = _text(
    "slug", "Kürzel (URL)", "Slug (URL)", "Kürzel in Adressen.", "Slug used in URLs.", True
)
DESCRIPTION = _markdown("description", "Beschreibung", "Description")
PUBLISHED_AT = Column(
    "published_at",
    "datetime",
    "Veröffentlicht am",
    "Published at",
    "Zeitpunkt der Veröffentlichung (UTC).",
    "Time of publication (UTC).",
)
VERSION = Column(
    "number", "integer", "Fassung", "Version", "Nummer der Fassung.", "Version number.", True
)
