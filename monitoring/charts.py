"""Small server-side SVG charts (bar and line) with a text alternative.

Independent of requests and templates: functions take plain data and return an SVG string that
can be embedded in HTML or in the PDF report. Every chart has `role="img"`, a `<title>` and a
`<desc>` (referenced by `aria-labelledby`); callers should also show the data as a table.
Colours come from a fixed palette with at least 3:1 contrast against white (WCAG 1.4.11), and
series are told apart by marker shape and dash pattern as well, not by colour alone.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from ris_portal.numbers import format_number

PALETTE = (
    "#2044aa",
    "#b35c00",
    "#007155",
    "#7e01a8",
    "#c31c13",
    "#454b6b",
    "#006b8c",
    "#8a5a00",
)
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 2", "3 6")
TEXT = "#131525"
GRID = "#c0c3d5"
_ids = itertools.count(1)


@dataclass
class Series:
    name: str
    values: list  # one number (or None for a gap) per category


def _number(value) -> float | None:
    if value is None:
        return None
    return float(value)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 0.1
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return top
    return 10 * magnitude


def _frame(width, height, title, desc, body: str, uid=None, title_lang=None) -> str:
    # A fixed `uid` keeps documents reproducible (the report); pages count up.
    # `title_lang`: the language of a title that is not in the page's language ("de").
    uid = uid if uid is not None else next(_ids)
    lang = f' lang="{title_lang}"' if title_lang else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ris-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="chart-{uid}-title chart-{uid}-desc" '
        f'font-family="Fira Sans, sans-serif" font-size="12">'
        f'<title id="chart-{uid}-title"{lang}>{escape(title)}</title>'
        f'<desc id="chart-{uid}-desc">{escape(desc)}</desc>'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f"{body}</svg>"
    )


def _axes(left, top, plot_w, plot_h, top_value, ticks=4) -> list[str]:
    parts = []
    for i in range(ticks + 1):
        value = top_value * i / ticks
        y = top + plot_h - plot_h * i / ticks
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(format_number(value))}</text>"
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    return parts


def _legend(series: list[Series], x: int, y: int, line: bool) -> list[str]:
    parts = []
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        ly = y + index * 18
        if line:
            parts.append(
                f'<line x1="{x}" y1="{ly}" x2="{x + 22}" y2="{ly}" stroke="{colour}" '
                f'stroke-width="2.5" stroke-dasharray="{DASHES[index % len(DASHES)]}"/>'
            )
        else:
            parts.append(f'<rect x="{x + 4}" y="{ly - 6}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 28}" y="{ly + 4}" fill="{TEXT}">{escape(item.name)}</text>')
    return parts


def bar_chart(
    *,
    title: str,
    desc: str,
    categories: list[str],
    series: list[Series],
    width: int = 640,
    height: int = 300,
    uid: str | None = None,
) -> str:
    """Grouped vertical bars: one group per category, one bar per series."""
    legend_h = 18 * len(series) + 8 if len(series) > 1 else 0
    left, top, right, bottom = 64, 16, 16, 40 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in map(_number, s.values) if v is not None]
    top_value = _nice_max(max(values, default=0))
    parts = _axes(left, top, plot_w, plot_h, top_value)
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(min(group_w * 0.8 / max(len(series), 1), 48), 2)
    for c_index, category in enumerate(categories):
        group_x = left + c_index * group_w + (group_w - bar_w * len(series)) / 2
        for s_index, item in enumerate(series):
            value = _number(item.values[c_index])
            if value is None:
                continue
            h = plot_h * max(value, 0) / top_value
            parts.append(
                f'<rect x="{group_x + s_index * bar_w:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s_index % len(PALETTE)]}"><title>'
                f"{escape(item.name)} {escape(str(category))}: {escape(format_number(value))}"
                f"</title></rect>"
            )
        parts.append(
            f'<text x="{left + c_index * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
            f'text-anchor="middle" fill="{TEXT}">{escape(str(category))}</text>'
        )
    if len(series) > 1:
        parts += _legend(series, left, height - legend_h + 10, line=False)
    return _frame(width, height, title, desc, "".join(parts), uid)


def line_chart(
    *,
    title: str,
    desc: str,
    categories: list,
    series: list[Series],
    width: int = 640,
    height: int = 300,
    uid: str | None = None,
    title_lang: str | None = None,
) -> str:
    """Lines over ordered categories (years); gaps where a value is None."""
    legend_h = 18 * len(series) + 8
    left, top, right, bottom = 64, 16, 16, 40 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in map(_number, s.values) if v is not None]
    top_value = _nice_max(max(values, default=0))
    parts = _axes(left, top, plot_w, plot_h, top_value)
    step = plot_w / max(len(categories) - 1, 1)

    def xy(index, value):
        return left + index * step, top + plot_h - plot_h * max(value, 0) / top_value

    for index, category in enumerate(categories):
        x, _y = xy(index, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="{TEXT}">'
            f"{escape(str(category))}</text>"
        )
    for s_index, item in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        segments, current = [], []
        for index, value in enumerate(map(_number, item.values)):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(xy(index, value))
        if current:
            segments.append(current)
        for segment in segments:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" '
                f'stroke-dasharray="{DASHES[s_index % len(DASHES)]}"/>'
            )
        for index, value in enumerate(map(_number, item.values)):
            if value is None:
                continue
            x, y = xy(index, value)
            label = f"{item.name} {categories[index]}: {format_number(value)}"
            shape = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
                if s_index % 2 == 0
                else f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">'
            )
            closing = "</circle>" if s_index % 2 == 0 else "</rect>"
            parts.append(f"{shape}<title>{escape(label)}</title>{closing}")
    parts += _legend(series, left, height - legend_h + 10, line=True)
    return _frame(width, height, title, desc, "".join(parts), uid, title_lang)
