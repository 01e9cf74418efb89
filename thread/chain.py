"""Results chain (Wirkungskette) of roadmaps: needs → measures → activities → indicators.

`results_chain()` collects the data in a fixed number of queries; `chain_svg()` draws it as a
server-side SVG (one block per measure, columns left to right in the direction of the chain,
status as colour *and* as text). The page shows the same content as a nested list, which is
what screen readers and keyboard users get (the SVG is hidden from assistive technology).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fields.models import Measure, Need, Roadmap
from monitoring.models import Activity, Indicator, IndicatorValue, Target, YearLock
from monitoring.selectors import STATUS_LABELS, on_track_status
from ris_portal.numbers import format_number
from ris_portal.templatetags.ris import german_language, name_and_language

from . import links
from .links import Viewer

ACTIVITIES_PER_MEASURE = 5
# (fill, border) and the statuses drawn in it; text stays #131525 (contrast > 12:1 on every fill).
_STATUSES_BY_COLOUR = {
    ("#eef0f7", "#454b6b"): ("geplant", "ohne_ziel"),
    ("#e3ecfb", "#2044aa"): ("laufend", "in_bearbeitung"),
    ("#e2f3ec", "#007155"): ("abgeschlossen", "adressiert", "auf_kurs", "ueber_plan"),
    ("#fbe5e4", "#c31c13"): ("verworfen", "hinter_plan"),
    ("#fdf0e3", "#b35c00"): ("offen", "abweichend"),
    ("#ffffff", "#454b6b"): ("aktivitaet",),
}
COLOURS = {
    status: colour for colour, statuses in _STATUSES_BY_COLOUR.items() for status in statuses
}
COLUMNS = (
    gettext_lazy("Handlungsbedarfe"),
    gettext_lazy("Maßnahmen"),
    gettext_lazy("Aktivitäten"),
    gettext_lazy("Indikatoren"),
)


@dataclass
class Node:
    kind: str
    title: str
    url: str | None
    status: str
    status_label: str
    # The language of `title` when it is not the page's (German content in the English UI).
    lang: str | None = None


@dataclass
class MeasureBlock:
    measure: Node
    roadmap: Roadmap
    needs: list[Node] = field(default_factory=list)
    activities: list[Node] = field(default_factory=list)
    more_activities: int = 0
    indicators: list[Node] = field(default_factory=list)

    @property
    def rows(self) -> int:
        shown = len(self.activities) + (1 if self.more_activities else 0)
        return max(1, len(self.needs), shown, len(self.indicators))


def _indicator_status(indicators, *, public: bool) -> dict[int, tuple[str, str]]:
    """Per indicator the on-track status of its latest Thuringia-wide value (2 queries).

    Public pages use only values of published report years, like the public indicator page.
    """
    values = (
        IndicatorValue.objects.live()
        .filter(indicator__in=indicators, field__isnull=True)
        .order_by("indicator_id", "-year")
    )
    if public:
        values = values.filter(year__in=YearLock.objects.values("year"))
    latest: dict[int, IndicatorValue] = {}
    for value in values:
        latest.setdefault(value.indicator_id, value)
    targets = {
        t.indicator_id: t
        for t in Target.objects.live().filter(indicator__in=indicators, field__isnull=True)
    }
    result = {}
    for indicator in indicators:
        value = latest.get(indicator.pk)
        status = on_track_status(
            value=value.value if value else None,
            year=value.year if value else None,
            target=None if public else targets.get(indicator.pk),
            direction=indicator.direction,
        )
        label = str(STATUS_LABELS[status])
        if value is not None:
            label = f"{format_number(value.value)} ({value.year}) – {label}"
        result[indicator.pk] = (status, label)
    return result


def results_chain(viewer: Viewer, roadmaps: list[Roadmap]) -> list[MeasureBlock]:
    """One block per measure of the given (visible) roadmaps, in roadmap order."""
    measures = list(
        Measure.objects.live("action_field")
        .filter(action_field__roadmap__in=roadmaps)
        .select_related("action_field__roadmap__network__theme__field")
        .prefetch_related(
            Prefetch(
                "needs",
                queryset=Need.objects.live().select_related("theme__field"),
            ),
            Prefetch("indicators", queryset=Indicator.objects.live()),
        )
        .order_by("action_field__roadmap__network__name", "action_field__order", "order", "pk")
    )
    activities = defaultdict(list)
    for activity in (
        Activity.objects.live().filter(measure__in=measures).order_by("-start_date", "title")
    ):
        activities[activity.measure_id].append(activity)
    indicators = {i.pk: i for m in measures for i in m.indicators.all()}
    statuses = _indicator_status(list(indicators.values()), public=viewer.public)
    german = german_language()
    blocks = []
    for measure in measures:
        roadmap = measure.action_field.roadmap
        field_id = roadmap.network.theme.field_id
        block = MeasureBlock(
            measure=Node(
                _("Maßnahme"),
                measure.title,
                links.measure_url(viewer, measure, roadmap, field_id),
                measure.status,
                measure.get_status_display(),
                german,
            ),
            roadmap=roadmap,
        )
        for need in measure.needs.all():
            if viewer.internals(field_id):
                priority = (
                    _("Priorität %(value)s") % {"value": format_number(need.priority, 2)}
                    if need.priority is not None
                    else _("ohne Priorität")
                )
                block.needs.append(
                    Node(
                        need.get_kind_display(),
                        need.title,
                        links.need_url(viewer, need, field_id),
                        need.status,
                        f"{need.get_status_display()}, {priority}",
                        german,
                    )
                )
        own = activities.get(measure.pk, [])
        block.activities = [
            Node(
                _("Aktivität"),
                a.title,
                links.activity_url(viewer, a),
                "aktivitaet",
                f"{a.get_kind_display()}, {a.start_date:%m/%Y}",
                german,
            )
            for a in own[:ACTIVITIES_PER_MEASURE]
        ]
        block.more_activities = max(0, len(own) - ACTIVITIES_PER_MEASURE)
        for indicator in measure.indicators.all():
            status, label = statuses[indicator.pk]
            name, language = name_and_language(indicator)
            block.indicators.append(
                Node(
                    _("Indikator"),
                    f"{indicator.code} – {name}",
                    links.indicator_url(viewer, indicator),
                    status,
                    label,
                    language,
                )
            )
        blocks.append(block)
    return blocks


# --- SVG ---------------------------------------------------------------------------------------
BOX_W, BOX_H, GAP_X, GAP_Y, HEAD, PAD = 230, 46, 40, 10, 34, 12


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _box(x: int, y: int, node: Node) -> str:
    fill, stroke = COLOURS.get(node.status, COLOURS["ohne_ziel"])
    lang = f' lang="{node.lang}"' if node.lang else ""
    body = (
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>'
        f'<text x="{x + 8}" y="{y + 18}" font-size="13" fill="#131525"{lang}>'
        f"{escape(_short(node.title))}</text>"
        f'<text x="{x + 8}" y="{y + 36}" font-size="11" fill="#131525">'
        f"{escape(_short(node.status_label, 40))}</text>"
    )
    title = f"<title>{escape(node.title)} – {escape(node.status_label)}</title>"
    if node.url:
        # The list below the diagram carries the same links for keyboard and screen readers.
        return f'<a href="{escape(node.url)}" tabindex="-1">{title}{body}</a>'
    return f"<g>{title}{body}</g>"


def _edge(x1: int, y1: int, x2: int, y2: int) -> str:
    mid = (x1 + x2) // 2
    return (
        f'<path d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}" fill="none" '
        f'stroke="#6b7085" stroke-width="1.5"/>'
    )


def chain_svg(blocks: list[MeasureBlock]) -> str:
    """The diagram, or "" when there is nothing to draw."""
    if not blocks:
        return ""
    xs = [PAD + i * (BOX_W + GAP_X) for i in range(4)]
    width = xs[-1] + BOX_W + PAD
    parts = [
        f'<text x="{x}" y="20" font-size="14" font-weight="bold" fill="#131525">'
        f"{escape(str(label))}</text>"
        for x, label in zip(xs, COLUMNS, strict=True)
    ]
    y = HEAD
    for block in blocks:
        height = block.rows * (BOX_H + GAP_Y)
        measure_y = y + (height - GAP_Y - BOX_H) // 2
        centre = measure_y + BOX_H // 2
        for index, need in enumerate(block.needs):
            ny = y + index * (BOX_H + GAP_Y)
            parts.append(_edge(xs[0] + BOX_W, ny + BOX_H // 2, xs[1], centre))
            parts.append(_box(xs[0], ny, need))
        activities = list(block.activities)
        if block.more_activities:
            more = _("+ %(count)s weitere") % {"count": block.more_activities}
            activities.append(Node(_("Aktivität"), more, None, "aktivitaet", ""))
        for index, activity in enumerate(activities):
            ay = y + index * (BOX_H + GAP_Y)
            parts.append(_edge(xs[1] + BOX_W, centre, xs[2], ay + BOX_H // 2))
            parts.append(_box(xs[2], ay, activity))
        for index, indicator in enumerate(block.indicators):
            iy = y + index * (BOX_H + GAP_Y)
            parts.append(_edge(xs[1] + BOX_W, centre, xs[3], iy + BOX_H // 2))
            parts.append(_box(xs[3], iy, indicator))
        parts.append(_box(xs[1], measure_y, block.measure))
        y += height + GAP_Y
        parts.append(
            f'<line x1="{PAD}" y1="{y - GAP_Y}" x2="{width - PAD}" y2="{y - GAP_Y}" '
            f'stroke="#c0c3d5" stroke-width="1"/>'
        )
    height = y + PAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ris-chain-svg" aria-hidden="true" '
        f'focusable="false" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Fira Sans, sans-serif">{"".join(parts)}</svg>'
    )
