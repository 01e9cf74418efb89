"""Reading spreadsheets as real Excel users produce them, and parsing German cell values.

Everything here is pure (no database): `read_table()` turns the bytes of a CSV or XLSX file into
a header row and data rows, or raises `ImportFileError` with a German message. The parsers turn
cells into Python values or raise `CellError` with a German message.

Handled on purpose: UTF-8 with and without BOM, Windows-1252, `;`/`,`/tab delimiters, empty
(trailing) rows, German numbers (`1.234,5`) and dates (`31.12.2024`); rejected cleanly: files over
the size limit, binary garbage, legacy .xls, files that claim to be XLSX but are not, and XLSX
archives that unpack to too much (zip bombs).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

# An XLSX may unpack to at most this many bytes, and no member may be compressed more than
# MAX_RATIO : 1 (typical spreadsheets stay well below 20 : 1; zip bombs reach 1000 : 1).
MAX_UNPACKED_BYTES = 80 * 1024 * 1024
MAX_RATIO = 150
MAX_ROWS = 50_000
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and other OLE files)


class ImportFileError(Exception):
    """The whole file is unusable; the message is German and meant for the user."""


class CellError(ValueError):
    """One cell is invalid; the message is German and meant for the user."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (line number as the user sees it, cells)
    file_format: str  # "csv" or "xlsx"


def max_bytes() -> int:
    return settings.RIS_IMPORT_MAX_BYTES


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.0f} MB"
    return f"{max(n // 1024, 1)} KB"


def read_table(content: bytes, file_name: str) -> Table:
    if not content:
        raise ImportFileError(_("Die Datei ist leer."))
    if len(content) > max_bytes():
        raise ImportFileError(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(max)s.")
            % {"max": _size(max_bytes())}
        )
    name = file_name.lower()
    if content.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise ImportFileError(
            _(
                "Das alte Excel-Format (.xls) wird nicht unterstützt. Bitte speichern Sie die "
                "Datei in Excel als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."
            )
        )
    if name.endswith((".xlsx", ".xlsm")) or content.startswith(ZIP_MAGIC):
        return _read_xlsx(content)
    if name and not name.endswith((".csv", ".txt")):
        raise ImportFileError(
            _("Unbekannter Dateityp. Bitte laden Sie eine CSV- oder XLSX-Datei hoch.")
        )
    return _read_csv(content)


# --- CSV --------------------------------------------------------------------------------------
def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Die Datei ist nicht lesbar kodiert.")) from error
    if b"\x00" in content:
        raise ImportFileError(
            _("Die Datei enthält Binärdaten und ist keine CSV-Datei. Bitte prüfen Sie den Export.")
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (Trennzeichen-getrennt)" on German Windows writes Windows-1252.
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "Die Zeichenkodierung der Datei ist unbekannt. Bitte speichern Sie die Datei "
                "als „CSV UTF-8“."
            )
        ) from error


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        raw = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            _("Die CSV-Datei ist fehlerhaft (%(error)s).") % {"error": error}
        ) from error
    return _table(raw, "csv")


# --- XLSX -------------------------------------------------------------------------------------
def _check_zip(content: bytes) -> None:
    not_xlsx = _(
        "Die Datei ist keine gültige XLSX-Datei. Bitte speichern Sie sie in Excel erneut als "
        "„Excel-Arbeitsmappe (.xlsx)“ oder als CSV."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(not_xlsx) from error
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportFileError(not_xlsx)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ImportFileError(
                _(
                    "Die XLSX-Datei würde entpackt zu groß (mögliche „Zip-Bombe“) und wurde "
                    "deshalb nicht geöffnet."
                )
            )


def _check_no_dtd(content: bytes) -> None:
    """Refuse XML with a DOCTYPE or entities (billion laughs); real workbooks never have one.

    openpyxl itself parses through defusedxml (a dependency) and would fail on such a file
    too; this check comes first so that the user gets a message that says what is wrong.
    """
    archive = zipfile.ZipFile(io.BytesIO(content))
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(256 * 1024):
                window = (tail + chunk).upper()
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise ImportFileError(
                        _(
                            "Die XLSX-Datei enthält unzulässige XML-Bestandteile und wurde "
                            "deshalb nicht geöffnet. Bitte speichern Sie sie in Excel erneut."
                        )
                    )
                tail = chunk[-16:]


def _read_xlsx(content: bytes) -> Table:
    _check_zip(content)
    _check_no_dtd(content)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for broken files
        raise ImportFileError(
            _("Die XLSX-Datei kann nicht gelesen werden. Bitte speichern Sie sie erneut.")
        ) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(_("Die XLSX-Datei enthält kein Tabellenblatt."))
        raw = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            raw.append((number, list(row)))
            if number > MAX_ROWS + 1:
                break
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001
        raise ImportFileError(
            _("Die XLSX-Datei kann nicht gelesen werden. Bitte speichern Sie sie erneut.")
        ) from error
    finally:
        workbook.close()
    return _table(raw, "xlsx")


# --- common -----------------------------------------------------------------------------------
def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _table(raw: list[tuple[int, list]], file_format: str) -> Table:
    rows = [(number, row) for number, row in raw if not all(_blank(c) for c in row)]
    if not rows:
        raise ImportFileError(_("Die Datei enthält keine Daten."))
    (_number, header), data = rows[0], rows[1:]
    header = ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in header]
    if not data:
        raise ImportFileError(_("Die Datei enthält nur eine Kopfzeile und keine Datenzeilen."))
    if len(data) > MAX_ROWS:
        raise ImportFileError(
            _("Die Datei enthält mehr als %(max)s Zeilen. Bitte teilen Sie sie auf.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return Table(header=header, rows=data, file_format=file_format)


def normalise_header(text: str) -> str:
    return re.sub(r"[\s_\-()]+", " ", str(text)).strip().casefold()


# --- cell parsers -----------------------------------------------------------------------------
def text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


_THOUSANDS_ONLY = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_decimal(cell) -> Decimal | None:
    if isinstance(cell, bool):
        raise CellError(_("„%(value)s“ ist keine Zahl.") % {"value": cell})
    if isinstance(cell, int | float | Decimal):
        return Decimal(str(cell))
    raw = text(cell)
    if not raw:
        return None
    value = raw.replace("\u00a0", "").replace(" ", "").replace("€", "")
    if value.upper().endswith("EUR"):
        value = value[:-3]
    if "," in value:
        # German: "." groups thousands, "," separates decimals.
        value = value.replace(".", "").replace(",", ".")
    elif _THOUSANDS_ONLY.match(value):
        value = value.replace(".", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
        raise CellError(_("„%(value)s“ ist keine Zahl.") % {"value": raw})
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise CellError(_("„%(value)s“ ist keine Zahl.") % {"value": raw}) from error


def parse_int(cell) -> int | None:
    number = parse_decimal(cell)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("„%(value)s“ ist keine ganze Zahl.") % {"value": text(cell)})
    return int(number)


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y")


def parse_date(cell) -> datetime.date | None:
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    raw = text(cell)
    if not raw:
        return None
    candidate = raw.split(" ")[0]  # "31.12.2024 00:00" from some exports
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(candidate, fmt).date()
        except ValueError:
            continue
    raise CellError(
        _("„%(value)s“ ist kein gültiges Datum (erwartet TT.MM.JJJJ).") % {"value": raw}
    )


def split_list(cell, separators: str = ",;|") -> list[str]:
    raw = text(cell)
    if not raw:
        return []
    parts = re.split("[" + re.escape(separators) + "]", raw)
    return [part.strip() for part in parts if part.strip()]
