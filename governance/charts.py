"""Server-side SVG chart of review results (the same markup serves web pages and PDFs).

The chart is decorative for assistive technology only in the sense that the data table next to
it carries the same numbers; the SVG still gets a title and description.
"""

from dataclasses import dataclass

from ris_portal.templatetags.ris import german_language, name_and_language

WIDTH = 720
LABEL_WIDTH = 300
ROW = 36
BAR = 20
TOP = 28
SCALE_MAX = 5


@dataclass
class Bar:
    label: str
    y: float
    width: float
    mean: str
    whisker_from: float
    whisker_to: float
    text_y: float
    lang: str | None = None  # of the label, when not the page's language


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def results_chart(items) -> dict:
    """Geometry for `governance/fragment_results_chart.html`: mean bars with ±1 SD whiskers."""
    plot = WIDTH - LABEL_WIDTH - 40
    unit = plot / SCALE_MAX
    bars = []
    for index, item in enumerate(i for i in items if i.mean is not None):
        mean = float(item.mean)
        if item.need_id:  # a need's title is German content; a theme may have an English name
            label, language = str(item.need), german_language()
        else:
            label, language = name_and_language(item.theme)
        spread = float(item.spread or 0)
        y = TOP + index * ROW
        bars.append(
            Bar(
                label=_short(label),
                lang=language,
                y=y,
                width=round(mean * unit, 1),
                mean=f"{mean:.2f}".replace(".", ","),
                whisker_from=round(max(mean - spread, 0) * unit, 1),
                whisker_to=round(min(mean + spread, SCALE_MAX) * unit, 1),
                text_y=y + BAR / 2 + 5,
            )
        )
    height = TOP + len(bars) * ROW + 24
    ticks = [{"x": round(n * unit, 1), "label": n} for n in range(SCALE_MAX + 1)]
    return {
        "bars": bars,
        "width": WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "plot_width": plot,
        "ticks": ticks,
        "axis_y": height - 20,
        "bar_height": BAR,
    }
