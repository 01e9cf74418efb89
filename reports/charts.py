"""A tiny server-side SVG bar chart for the report (web page and PDF alike).

Deliberately minimal: horizontal bars, one series, a <title> (used by WeasyPrint as the
figure's alternative text in the tagged PDF) and a <desc>. The template always renders the
same numbers as a data table next to the chart, which is the real text alternative.
Why not `monitoring.charts`: those are multi-series vertical charts for the web dashboards;
on A4 the long German field names need horizontal bars, and this stays cheap to lay out.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from ris_portal.numbers import format_number

BAR_COLOUR = "#1b4f72"
TEXT_COLOUR = "#1a1a1a"
FONT = "Fira Sans, DejaVu Sans, sans-serif"


@dataclass(frozen=True)
class Chart:
    title: str
    items: list[tuple[str, float]]
    unit: str = ""

    @property
    def svg(self) -> SafeString:
        return bar_chart_svg(self.title, self.items, unit=self.unit)

    @property
    def description(self) -> str:
        parts = [
            f"{label}: {format_number(value)}{' ' + self.unit if self.unit else ''}"
            for label, value in self.items
        ]
        return f"{self.title}. " + "; ".join(parts)


def bar_chart_svg(title: str, items: list[tuple[str, float]], *, unit: str = "") -> SafeString:
    """Return an inline SVG with one horizontal bar per (label, value)."""
    row, label_width, bar_width, value_width = 18, 190, 230, 60
    width = label_width + bar_width + value_width
    height = max(1, len(items)) * row + 8
    top = max((float(v) for _label, v in items), default=0) or 1
    desc = "; ".join(f"{label}: {format_number(value)}" for label, value in items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="9">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
    ]
    for index, (label, value) in enumerate(items):
        y = 4 + index * row
        length = max(0.0, float(value) / top * bar_width)
        short = label if len(label) <= 38 else label[:36] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 12}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 12}" '
            f'fill="{TEXT_COLOUR}">{escape(format_number(value))}{escape(" " + unit if unit else "")}'
            "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
