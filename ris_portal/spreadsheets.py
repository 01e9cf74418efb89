"""Safe CSV for spreadsheet users: every export that Excel may open goes through here.

A cell that starts with "=", "+", "-", "@" (or a tab/carriage return) is a formula to Excel
and LibreOffice; text typed by the public (a forum registration) or imported from a file must
never run as one (CSV/formula injection, OWASP). Such text gets a leading apostrophe.

`dataset_to_csv` and `dataset_to_xlsx` write a tablib Dataset the way every export of the portal
does (monitoring exports, review results): German Excel conventions, numbers as numbers;
`spreadsheet_response` sends one as a download.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from django.http import Http404, HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise spreadsheet formulas in exported text cells; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [escape_formula(value) for value in values]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(escape_formula(str(value)))


def dataset_to_csv(dataset) -> bytes:
    """CSV as German Excel opens it directly: UTF-8 with BOM, `;`, decimal comma, dates as
    dd.mm.yyyy, text escaped against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_formula(h) for h in dataset.headers])
    for row in dataset:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def dataset_to_xlsx(dataset, title: str = "Daten") -> bytes:
    """XLSX with numbers as numbers (decimals as floats) and text escaped against formulas."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(dataset.headers))
    for row in dataset:
        sheet.append(
            [float(value) if isinstance(value, Decimal) else escape_formula(value) for value in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet_response(dataset, *, name: str, fmt: str, title: str = "") -> HttpResponse:
    """`dataset` as the download `<name>.<fmt>` (fmt "csv" or "xlsx"; any other: 404, as the
    URL names a file that does not exist). `title` names the XLSX sheet (default: `name`)."""
    if fmt == "xlsx":
        content, content_type = dataset_to_xlsx(dataset, title=title or name), XLSX
    elif fmt == "csv":
        content, content_type = dataset_to_csv(dataset), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
