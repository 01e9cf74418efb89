"""German number formatting for tables, charts and the PDF report: 1234567.5 -> "1.234.567,5".

One function on purpose: the web tables, the SVG charts (labels and text alternatives) and the
report's data tables must print the same number the same way. It does not depend on the active
locale because reports and chart texts are German whatever the reader's language setting is.
"""

from decimal import Decimal, InvalidOperation

EMPTY = "—"


def format_number(value, decimals: int | None = None) -> str:
    """Format `value` with "." as thousands and "," as decimal separator.

    `decimals=None` chooses a sensible precision: none for whole numbers, one from 100 upwards,
    two below. Empty values (None, "") give an em dash; text that is no number is returned as is.
    """
    if value is None or value == "":
        return EMPTY
    if not isinstance(value, int | float | Decimal):
        try:
            value = Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if not isinstance(value, int) and not Decimal(value).is_finite():
        return str(value)  # NaN/Infinity from hand-entered data: shown, never a crash
    if decimals is None:
        if value == int(value):
            decimals = 0
        else:
            decimals = 1 if abs(value) >= 100 else 2
    text = f"{value:,.{int(decimals)}f}"
    # Swap the separators through a placeholder that cannot occur in the formatted number.
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
