"""Server-side SVG charts (the same markup serves the web page and PDFs)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ris_portal.templatetags.ris import name_and_language

WIDTH, HEIGHT = 560, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 60


def _x(value: float) -> float:
    return LEFT + (value - 1) / 4 * (WIDTH - LEFT - RIGHT)


def _y(value: float) -> float:
    return HEIGHT - BOTTOM - (value - 1) / 4 * (HEIGHT - TOP - BOTTOM)


def portfolio_chart(rows) -> SafeString:
    """Portfolio matrix: strength (criteria 1+2) against potential (criteria 3+4), scale 1–5.

    Each assessed theme is a numbered point (the number refers to the table, which is the text
    alternative); highlights are drawn as squares.
    """
    title = _("Portfolio der Themen")
    desc = _(
        "Waagerecht: Stärke (Mittel aus Spezialisierungsvorteilen und Akteursbasis), "
        "senkrecht: Potenzial (Mittel aus Anwendungsrelevanz und Wachstumspotenzial), "
        "jeweils 1 bis 5. Die Nummern entsprechen der Tabelle."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ris-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="portfolio-title portfolio-desc" data-testid="portfolio-chart">',
        f'<title id="portfolio-title">{escape(title)}</title>',
        f'<desc id="portfolio-desc">{escape(desc)}</desc>',
    ]
    for tick in range(1, 6):
        x, y = _x(tick), _y(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" '
            f'stroke="#C0C3D5" stroke-width="1"/>'
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#C0C3D5" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
            f'font-size="13" fill="#131525">{tick}</text>'
        )
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + 4:.1f}" text-anchor="end" font-size="13" '
            f'fill="#131525">{tick}</text>'
        )
    mid_x, mid_y = _x(3), _y(3)
    parts.append(
        f'<line x1="{mid_x:.1f}" y1="{TOP}" x2="{mid_x:.1f}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="#454B6B" stroke-width="2"/>'
    )
    parts.append(
        f'<line x1="{LEFT}" y1="{mid_y:.1f}" x2="{WIDTH - RIGHT}" y2="{mid_y:.1f}" '
        f'stroke="#454B6B" stroke-width="2"/>'
    )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 15}" text-anchor="middle" '
        f'font-size="14" fill="#131525">{escape(_("Stärke (Kriterien 1 und 2)"))}</text>'
    )
    parts.append(
        f'<text x="18" y="{(TOP + HEIGHT - BOTTOM) / 2:.1f}" text-anchor="middle" font-size="14" '
        f'fill="#131525" transform="rotate(-90 18 {(TOP + HEIGHT - BOTTOM) / 2:.1f})">'
        f"{escape(_('Potenzial (Kriterien 3 und 4)'))}</text>"
    )
    for number, row in enumerate(rows, start=1):
        if not row.assessed:
            continue
        strength = (row.specialisation_advantage + row.actor_base) / 2
        potential = (row.application_relevance + row.growth_potential) / 2
        x, y = _x(strength), _y(potential)
        name, language = name_and_language(row)
        title = f'<title lang="{language}">' if language else "<title>"
        if row.is_highlight:
            parts.append(
                f'<rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18" fill="#007155">'
                f"{title}{escape(name)} ({escape(_('Highlight'))})</title></rect>"
            )
        else:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#2044AA">'
                f"{title}{escape(name)}</title></circle>"
            )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" '
            f'fill="#FFFFFF" aria-hidden="true">{number}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - all text is escaped above
