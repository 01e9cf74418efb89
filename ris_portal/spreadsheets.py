"""Safe CSV for spreadsheet users: every export that Excel may open goes through here.

A cell that starts with "=", "+", "-", "@" (or a tab/carriage return) is a formula to Excel
and LibreOffice; text typed by the public (a forum registration) or imported from a file must
never run as one (CSV/formula injection, OWASP). Such text gets a leading apostrophe.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise spreadsheet formulas in exported text cells; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [escape_formula(value) for value in values]
