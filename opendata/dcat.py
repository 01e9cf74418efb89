"""The DCAT-AP.de catalogue of the open data (Turtle), for harvesting by GovData.

One `dcat:Dataset` per table with its CSV as `dcat:Distribution`, plus one dataset for the
whole package (datapackage.json). Written by hand (no RDF library at run time): the few
literal and IRI rules of Turtle are applied in `_literal` and `_iri`.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.conf import settings

from .licences import current_licence

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE_DEU = "http://publications.europa.eu/resource/authority/language/DEU"
THEME_ECON = "http://publications.europa.eu/resource/authority/data-theme/ECON"
THEME_GOVE = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
SPATIAL_THURINGIA = "http://dcat-ap.de/def/politicalGeocoding/stateKey/16"

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _literal(text: str, language: str | None = None) -> str:
    escaped = "".join(_ESCAPES.get(char, char) for char in str(text))
    return f'"{escaped}"' + (f"@{language}" if language else "")


def _iri(url: str) -> str:
    # Characters Turtle forbids in IRIs are percent-encoded; everything else stays readable.
    return "<" + quote(url, safe=":/?#[]@!$&'()*+,;=%-._~") + ">"


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^xsd:{datatype}'


def _timestamp(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    utc = moment.astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    return _typed(utc.isoformat() + "Z", "dateTime")


def _subject(subject: str, kind: str, pairs: list[tuple[str, str | None]]) -> str:
    lines = [f"{subject} a {kind}"]
    for predicate, obj in pairs:
        if obj is not None:
            lines.append(f"    {predicate} {obj}")
    return " ;\n".join(lines) + " .\n"


def catalogue(built: list) -> str:
    """Turtle text of the catalogue for the built tables (`package.BuiltTable`s)."""
    base = settings.SITE_URL + "/open-data/"
    licence = current_licence()
    publisher = "<" + base + "dcat.ttl#publisher>"
    modified_all = max((b.modified for b in built if b.modified is not None), default=None)
    out = [f"@prefix {name}: <{uri}> ." for name, uri in PREFIXES.items()]
    out.append("")
    datasets = [_iri(base + "dcat.ttl#dataset-" + item.table.name) for item in built]
    package_dataset = _iri(base + "dcat.ttl#dataset-package")
    out.append(
        _subject(
            _iri(base + "dcat.ttl#catalog"),
            "dcat:Catalog",
            [
                ("dct:title", _literal("RIS-Portal Thüringen: offene Daten", "de")),
                ("dct:title", _literal("RIS portal Thuringia: open data", "en")),
                (
                    "dct:description",
                    _literal(
                        "Offene Daten der Regionalen Innovationsstrategie Thüringen (RIS).", "de"
                    ),
                ),
                ("dct:publisher", publisher),
                ("foaf:homepage", _iri(base)),
                ("dct:language", _iri(LANGUAGE_DEU)),
                ("dct:license", _iri(licence.uri)),
                ("dct:modified", _timestamp(modified_all)),
                ("dcat:dataset", ", ".join([package_dataset, *datasets])),
            ],
        )
    )
    out.append(
        _subject(
            publisher,
            "foaf:Agent",
            [
                ("foaf:name", _literal(settings.OPEN_DATA_PUBLISHER)),
                ("foaf:homepage", _iri(settings.OPEN_DATA_PUBLISHER_URL)),
            ],
        )
    )
    out.append(_package_dataset(base, package_dataset, publisher, licence, modified_all))
    for item, dataset in zip(built, datasets, strict=True):
        out.append(_table_dataset(base, item, dataset, publisher, licence))
    return "\n".join(out)


def _common(publisher: str, licence) -> list[tuple[str, str | None]]:
    contributor = settings.OPEN_DATA_CONTRIBUTOR_ID
    return [
        ("dct:publisher", publisher),
        ("dcat:theme", f"{_iri(THEME_ECON)}, {_iri(THEME_GOVE)}"),
        ("dct:language", _iri(LANGUAGE_DEU)),
        ("dct:spatial", _iri(SPATIAL_THURINGIA)),
        (
            "dcatde:politicalGeocodingLevelURI",
            _iri("http://dcat-ap.de/def/politicalGeocoding/Level/state"),
        ),
        ("dcatde:contributorID", _iri(contributor) if contributor else None),
    ]


def _distribution_pairs(base: str, file, title: str, file_type: str, licence, modified):
    url = _iri(base + file.name)
    return [
        ("dct:title", _literal(title, "de")),
        ("dcat:accessURL", url),
        ("dcat:downloadURL", url),
        ("dct:format", _iri(FILE_TYPES + file_type)),
        ("dcat:mediaType", _literal(file.media_type)),
        ("dcat:byteSize", _typed(str(len(file.content)), "decimal")),
        ("dct:license", _iri(licence.uri)),
        (
            "dcatde:licenseAttributionByText",
            _literal(settings.OPEN_DATA_ATTRIBUTION) if licence.requires_attribution else None,
        ),
        ("dct:modified", _timestamp(modified)),
        (
            "spdx:checksum",
            f"[ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
            f"spdx:checksumValue {_typed(file.sha256, 'hexBinary')} ]",
        ),
    ]


def _table_dataset(base: str, item, dataset: str, publisher: str, licence) -> str:
    table = item.table
    distribution = _iri(base + "dcat.ttl#distribution-" + table.name)
    text = _subject(
        dataset,
        "dcat:Dataset",
        [
            ("dct:identifier", _literal(f"ris-thueringen-{table.name}")),
            ("dct:title", _literal(f"RIS Thüringen: {table.title_de}", "de")),
            ("dct:title", _literal(f"RIS Thuringia: {table.title_en}", "en")),
            ("dct:description", _literal(table.description_de, "de")),
            ("dct:description", _literal(table.description_en, "en")),
            ("dct:modified", _timestamp(item.modified)),
            *_common(publisher, licence),
            ("dcat:landingPage", _iri(base)),
            ("dcat:distribution", distribution),
        ],
    )
    text += _subject(
        distribution,
        "dcat:Distribution",
        _distribution_pairs(
            base, item.file, f"{table.title_de} (CSV)", "CSV", licence, item.modified
        ),
    )
    return text


def _package_dataset(base, dataset, publisher, licence, modified) -> str:
    distribution = _iri(base + "dcat.ttl#distribution-package")
    url = _iri(base + "datapackage.json")
    text = _subject(
        dataset,
        "dcat:Dataset",
        [
            ("dct:identifier", _literal("ris-thueringen")),
            ("dct:title", _literal("RIS Thüringen: Datenpaket (alle Tabellen)", "de")),
            ("dct:title", _literal("RIS Thuringia: data package (all tables)", "en")),
            (
                "dct:description",
                _literal(
                    "Frictionless Data Package mit allen Tabellen und ihren Beschreibungen.", "de"
                ),
            ),
            ("dct:modified", _timestamp(modified)),
            *_common(publisher, licence),
            ("dcat:landingPage", _iri(base)),
            ("dcat:distribution", distribution),
        ],
    )
    text += _subject(
        distribution,
        "dcat:Distribution",
        [
            ("dct:title", _literal("datapackage.json (Frictionless Data Package)", "de")),
            ("dcat:accessURL", url),
            ("dcat:downloadURL", url),
            ("dct:format", _iri(FILE_TYPES + "JSON")),
            ("dcat:mediaType", _literal("application/json")),
            ("dct:conformsTo", _iri("https://specs.frictionlessdata.io/data-package/")),
            ("dct:license", _iri(licence.uri)),
            ("dct:modified", _timestamp(modified)),
        ],
    )
    return text
