"""The import corpus: bad and awkward files as Excel users produce them, with expected outcomes.

Each `CorpusFile` builds its bytes (some need an XLSX writer, a zip bomb or a size limit, so
they are generated instead of checked in) and states what must happen: either an import with
exact counts, or a rejection whose German message contains `error`. A rejection never imports
anything and never answers 500.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

import openpyxl

HEADER = "Kennung;Art;Titel;Beginn;Ende;Felder;Fördersumme;Förderquelle"


@dataclass
class CorpusFile:
    id: str
    name: str
    build: object  # () -> bytes
    kind: str = "activities"
    new: int | None = None  # expected counts when imported
    error: str = ""  # expected German message fragment when rejected
    settings: dict = field(default_factory=dict)
    locked_years: tuple = ()

    @property
    def ok(self) -> bool:
        return not self.error

    def content(self) -> bytes:
        return self.build()


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _entity_bomb() -> bytes:
    # "Billion laughs" in the workbook part of an otherwise valid workbook (a part that
    # openpyxl really parses; it writes cells as inline strings, so no sharedStrings.xml).
    real = zipfile.ZipFile(io.BytesIO(_xlsx([["Kennung", "Art", "Titel", "Beginn"], ["A", "B"]])))
    members = {name: real.read(name) for name in real.namelist()}
    workbook = members["xl/workbook.xml"]
    declaration_end = workbook.index(b"?>") + 2 if workbook.startswith(b"<?xml") else 0
    entities = (
        b'<!DOCTYPE lolz [<!ENTITY l0 "lol">'
        + "".join(
            f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
        ).encode()
        + b"]>"
    )
    members["xl/workbook.xml"] = (
        workbook[:declaration_end] + entities + workbook[declaration_end:]
    ).replace(
        b"<definedNames />",
        b'<definedNames><definedName name="lol">&l9;</definedName></definedNames>',
    )
    return _zip(members)


def _zip_bomb() -> bytes:
    # A real workbook plus one member that inflates 100 MB of zeros from ~100 KB.
    real = zipfile.ZipFile(io.BytesIO(_xlsx([["Kennung", "Art", "Titel", "Beginn"]])))
    members = {name: real.read(name) for name in real.namelist()}
    members["xl/media/padding.bin"] = b"\0" * (100 * 1024 * 1024)
    return _zip(members)


ROW_A = "A-1;Veranstaltung;Fachforum Photonik;15.03.2024;15.03.2024;FA;1.234,50;Land"
ROW_B = "A-2;FuE-Projekt;Verbundprojekt Wasserstoff;01.01.2024;31.12.2025;FA, FB;250.000;EU"

CORPUS = [
    # --- awkward but importable ---------------------------------------------------------------
    CorpusFile("utf8-semicolon", "a.csv", lambda: _csv(f"{HEADER}\n{ROW_A}\n{ROW_B}\n"), new=2),
    CorpusFile(
        "utf8-bom-comma",
        "a.csv",
        lambda: (
            b"\xef\xbb\xbf"
            + _csv(
                "Kennung,Art,Titel,Beginn,Felder,Fördersumme\n"
                'A-1,Studie,Studie KI,2024-05-02,FA,"1.234,5"\n'
            )
        ),
        new=1,
    ),
    CorpusFile(
        "windows-1252",
        "a.csv",
        lambda: _csv(
            f"{HEADER}\nA-1;Beratung;Größenvorteile für Zulieferer;02.02.2024;;FB;;\n", "cp1252"
        ),
        new=1,
    ),
    CorpusFile(
        "tab-delimited",
        "a.txt",
        lambda: _csv("Kennung\tArt\tTitel\tBeginn\nA-1\tStudie\tStudie\t01.06.2024\n"),
        new=1,
    ),
    CorpusFile(
        "utf16-unicode-text",
        "a.txt",
        lambda: "Kennung\tArt\tTitel\tBeginn\nA-1\tStudie\tÜbersicht\t01.06.2024\n".encode(
            "utf-16"
        ),
        new=1,
    ),
    CorpusFile(
        "crlf-and-trailing-empty-rows",
        "a.csv",
        lambda: _csv(f"{HEADER}\r\n{ROW_A}\r\n{ROW_B}\r\n;;;;;;;\r\n\r\n;;;;;;;\r\n"),
        new=2,
    ),
    CorpusFile(
        "extra-columns",
        "a.csv",
        lambda: _csv(f"{HEADER};Bearbeiter;Notiz\n{ROW_A};Frau M.;intern\n"),
        new=1,
    ),
    CorpusFile(
        "header-case-and-aliases",
        "a.csv",
        lambda: _csv("KENNUNG;typ;Bezeichnung;Startdatum\nA-1;netzwerktreffen;Treffen;3.4.2024\n"),
        new=1,
    ),
    CorpusFile(
        "quoted-multiline-and-delimiters-in-cells",
        "a.csv",
        lambda: _csv(
            'Kennung;Art;Titel;Beginn;Beschreibung\nA-1;Studie;"Studie; Teil 1";01.01.2024;'
            '"Zeile 1\nZeile 2 mit ""Zitat"""\n'
        ),
        new=1,
    ),
    CorpusFile(
        "formula-like-text-is-kept-as-text",
        "a.csv",
        lambda: _csv('Kennung;Art;Titel;Beginn\nA-1;Studie;=HYPERLINK("x");01.01.2024\n'),
        new=1,
    ),
    CorpusFile(
        "xlsx-native-types",
        "a.xlsx",
        lambda: _xlsx(
            [
                ["Kennung", "Art", "Titel", "Beginn", "Felder", "Fördersumme", "Teilnehmende"],
                ["A-1", "Studie", "Studie", datetime.datetime(2024, 5, 1), "FA", 1234.5, 12.0],
                [None, None, None, None, None, None, None],
                ["A-2", "Beratung", "Beratung", datetime.date(2024, 6, 1), "FB", None, 3],
            ]
        ),
        new=2,
    ),
    CorpusFile(
        "xlsx-text-cells-in-german-format",
        "a.xlsx",
        lambda: _xlsx(
            [
                ["Kennung", "Art", "Titel", "Beginn", "Fördersumme"],
                ["A-1", "Studie", "Studie", "31.12.2024", "1.234,50"],
            ]
        ),
        new=1,
    ),
    CorpusFile(
        "indicator-values-german-decimals",
        "werte.csv",
        lambda: _csv(
            "Indikator;Feld;Jahr;Wert;Status;Quelle\nCOR-1;;2024;2,76;endgültig;TLS\n"
            "COR-1;FA;2024;1.234,5;vorläufig;ThCM\n"
        ),
        kind="indicator-values",
        new=2,
    ),
    CorpusFile(
        "actors-windows-1252",
        "akteure.csv",
        lambda: _csv(
            "Name;Art;Ort;PLZ;Website;Felder\nMüller Präzision GmbH;Unternehmen;Jena;07743;"
            "www.example.org;FA\n",
            "cp1252",
        ),
        kind="actors",
        new=1,
    ),
    # --- rejected -----------------------------------------------------------------------------
    CorpusFile(
        "wrong-headers",
        "a.csv",
        lambda: _csv("ID-Nr;Typ der Sache;Name;Wann\nA-1;Studie;X;01.01.2024\n"),
        error="Falsche Kopfzeile",
    ),
    CorpusFile(
        "duplicate-header",
        "a.csv",
        lambda: _csv("Kennung;Art;Titel;Beginn;Titel\nA-1;Studie;X;01.01.2024;Y\n"),
        error="kommt mehrfach vor",
    ),
    CorpusFile(
        "unknown-field-code",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;X;01.01.2024;;XYZ;;\n"),
        error="Unbekannter Feldcode „XYZ“",
    ),
    CorpusFile(
        "duplicate-reference-in-file",
        "a.csv",
        lambda: _csv(f"{HEADER}\n{ROW_A}\n{ROW_A.replace('Photonik', 'Optik')}\n"),
        error="kommt in der Datei mehrfach vor (zuerst in Zeile 2)",
    ),
    CorpusFile(
        "text-in-number-column",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;X;01.01.2024;;;viel Geld;Land\n"),
        error="„viel Geld“ ist keine Zahl",
    ),
    CorpusFile(
        "impossible-date",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;X;31.02.2024;;;;\n"),
        error="„31.02.2024“ ist kein gültiges Datum",
    ),
    CorpusFile(
        "end-before-start",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;X;01.02.2024;01.01.2024;;;\n"),
        error="Das Ende liegt vor dem Beginn",
    ),
    CorpusFile(
        "negative-funding",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;X;01.02.2024;;;-5,00;Land\n"),
        error="darf nicht negativ sein",
    ),
    CorpusFile(
        "unknown-kind",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Party;X;01.02.2024;;;;\n"),
        error="„Party“ ist keine gültige Angabe für Art",
    ),
    CorpusFile(
        "missing-title",
        "a.csv",
        lambda: _csv(f"{HEADER}\nA-1;Studie;;01.02.2024;;;;\n"),
        error="„Titel“ fehlt",
    ),
    CorpusFile(
        "unknown-actor",
        "a.csv",
        lambda: _csv("Kennung;Art;Titel;Beginn;Akteure\nA-1;Studie;X;01.02.2024;Niemand AG\n"),
        error="Unbekannter Akteur „Niemand AG“",
    ),
    CorpusFile(
        "one-bad-row-among-good-ones-imports-nothing",
        "a.csv",
        lambda: _csv(f"{HEADER}\n{ROW_A}\n{ROW_B}\nA-3;Studie;X;kein Datum;;;;\n"),
        error="Zeile 4",
    ),
    CorpusFile(
        "file-over-size-limit",
        "a.csv",
        lambda: _csv(f"{HEADER}\n" + "\n".join(ROW_A.replace("A-1", f"A-{n}") for n in range(60))),
        error="Die Datei ist zu groß",
        settings={"RIS_IMPORT_MAX_BYTES": 2048},
    ),
    CorpusFile(
        "text-file-named-xlsx",
        "a.xlsx",
        lambda: _csv(f"{HEADER}\n{ROW_A}\n"),
        error="keine gültige XLSX-Datei",
    ),
    CorpusFile(
        "zip-that-is-not-a-workbook",
        "a.xlsx",
        lambda: _zip({"readme.txt": b"hello"}),
        error="keine gültige XLSX-Datei",
    ),
    CorpusFile(
        "truncated-xlsx",
        "a.xlsx",
        lambda: _xlsx(
            [["Kennung", "Art", "Titel", "Beginn"], ["A-1", "Studie", "X", "01.01.2024"]]
        )[:600],
        error="keine gültige XLSX-Datei",
    ),
    CorpusFile("zip-bomb", "a.xlsx", _zip_bomb, error="Zip-Bombe"),
    CorpusFile("xml-entity-bomb", "a.xlsx", _entity_bomb, error="unzulässige XML-Bestandteile"),
    CorpusFile(
        "legacy-xls",
        "a.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        error="alte Excel-Format (.xls)",
    ),
    CorpusFile("empty-file", "a.csv", lambda: b"", error="Die Datei ist leer"),
    CorpusFile(
        "header-only",
        "a.csv",
        lambda: _csv(f"{HEADER}\n;;;;;;;\n\n"),
        error="keine Datenzeilen",
    ),
    CorpusFile(
        "binary-garbage-as-csv",
        "a.csv",
        lambda: bytes(range(256)) * 4,
        error="Binärdaten",
    ),
    CorpusFile(
        "pdf-uploaded-by-mistake",
        "bericht.pdf",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        error="Unbekannter Dateityp",
    ),
    CorpusFile(
        "indicator-values-unknown-code",
        "werte.csv",
        lambda: _csv("Indikator;Jahr;Wert\nGIBT-ES-NICHT;2024;1\n"),
        kind="indicator-values",
        error="Unbekannter Indikatorcode „GIBT-ES-NICHT“",
    ),
    CorpusFile(
        "indicator-values-duplicate-key",
        "werte.csv",
        lambda: _csv("Indikator;Feld;Jahr;Wert\nCOR-1;FA;2024;1\ncor-1;fa;2024;2\n"),
        kind="indicator-values",
        error="kommt in der Datei mehrfach vor",
    ),
    CorpusFile(
        "indicator-values-locked-year",
        "werte.csv",
        lambda: _csv("Indikator;Jahr;Wert\nCOR-1;2023;1\nCOR-1;2024;2\n"),
        kind="indicator-values",
        error="Das Jahr 2023 ist gesperrt",
        locked_years=(2023,),
    ),
    CorpusFile(
        "indicator-values-text-in-value",
        "werte.xlsx",
        lambda: _xlsx([["Indikator", "Jahr", "Wert"], ["COR-1", 2024, "k. A."]]),
        kind="indicator-values",
        error="„k. A.“ ist keine Zahl",
    ),
    CorpusFile(
        "actors-invalid-website",
        "akteure.csv",
        lambda: _csv("Name;Art;Website\nBeispiel AG;Unternehmen;http://\n"),
        kind="actors",
        error="keine gültige Web-Adresse",
    ),
]
