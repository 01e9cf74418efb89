"""Render a report to PDF/A-3a with WeasyPrint.

`ReportRenderer.generate(spec)` returns a `RenderedPdf` (bytes, page count, SHA-256) and does
not touch the database rows of `Report`; the service stores the result.

Accessibility and archiving:
- `pdf_variant="pdf/a-3a"` makes WeasyPrint write a tagged PDF (StructTreeRoot, MarkInfo) with
  the PDF/A-3 level A identification in the XMP metadata, `/Lang` from `<html lang>`, the title
  from `<title>`, and bookmarks from the headings (`bookmark-level`, the default for h1–h6).
- The numbers of the report are attached as CSV (PDF/A-3 allows embedded files).
- Fonts: Fira Sans from `static/vendor/fonts` (WOFF2, decoded by WeasyPrint), subset-embedded.

Known limits of WeasyPrint's tagging (PDF/UA), and how the templates design around them:
- Tables broken across pages are a weak spot of WeasyPrint's tagging (and slow to lay out), so
  we do not rely on them: long lists are printed as several short tables (one per roadmap, at
  most 25 indicators per annex table), each with its own caption and header row.
- Inline SVG charts become Figures whose alternative text is the SVG `<title>`; the detailed
  text alternative is the data table printed right below every chart.
- Page headers/footers (margin boxes) are marked as artifacts by WeasyPrint.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ris_portal.files import InMemoryFile

from .content import CSV_HEADER, ReportContent, ReportSpec, build_report_content

# WeasyPrint logs every layout step at INFO ("Step 5 - Creating layout - Page 12"); in worker
# logs that is noise, warnings and errors (e.g. a refused URL) still get through.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)  # "Processing <BytesIO> ..." per font


class RefusedURL(ValueError):
    """The renderer may load only the project's static files and data: URIs."""


def static_root() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


class RestrictedURLFetcher(URLFetcher):
    """Allow `data:` URIs and `file:` URLs below the project's `static/` directory only.

    Everything else (other files such as /etc/passwd, http(s), ftp, …) is refused, so a
    template or a piece of user content (Markdown with an image) cannot make the renderer read
    local files or reach the network.
    """

    def __init__(self, root: Path | None = None):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, timeout=1)
        self.root = (root or static_root()).resolve()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            parsed = urlparse(url)
            if parsed.netloc not in ("", "localhost"):
                raise RefusedURL(f"Refused: {url}")
            path = Path(unquote(parsed.path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(path.as_uri(), headers)
        raise RefusedURL(f"Refused: {url}")


FONT_CSS = Path("vendor/fonts/fonts.css")
FONT_WEIGHTS = ("400", "600", "700")  # body, headings/table headers, <strong>
# The "latin" subset covers German (incl. ä, ö, ü, ß, „“, –, €); rarer characters fall back to
# DejaVu Sans through fontconfig, which is embedded like any other font.
FONT_SUBSET = "-latin-"
_FONT_FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")


@cache
def embedded_font_css() -> str:
    """@font-face rules for the self-hosted Fira Sans (WOFF2) used by the report."""
    css_path = static_root() / FONT_CSS
    rules = []
    for match in _FONT_FACE.finditer(css_path.read_text(encoding="utf-8")):
        body = match["body"]
        weight = re.search(r"font-weight:\s*(\d+)", body)
        source = re.search(r"url\(\.?/?([^)]+\.woff2)\)", body)
        unicode_range = re.search(r"unicode-range:\s*([^;]+);", body)
        if not (weight and source) or weight[1] not in FONT_WEIGHTS:
            continue
        if FONT_SUBSET not in source[1]:
            continue
        rule = (
            f'@font-face {{ font-family: "Fira Sans"; font-style: normal; '
            f'font-weight: {weight[1]}; src: url("{FONT_CSS.parent / source[1]}") format("woff2");'
        )
        if unicode_range:
            rule += f" unicode-range: {unicode_range[1].strip()};"
        rules.append(rule + " }")
    return "\n".join(rules)


@cache
def font_stylesheet() -> tuple[FontConfiguration, CSS]:
    """Load the fonts once per process; every rendering reuses the font configuration.

    WeasyPrint decodes WOFF2 with fontTools (pure Python, about half a second per file), so
    decoding on every rendering would cost seconds; a worker process pays it once.
    """
    font_config = FontConfiguration()
    css = CSS(
        string=embedded_font_css(),
        base_url=static_root().as_uri() + "/",
        font_config=font_config,
        url_fetcher=RestrictedURLFetcher(),
    )
    return font_config, css


@dataclass(frozen=True)
class RenderedPdf(InMemoryFile):
    content: bytes
    pages: int
    csv: bytes
    chart_count: int


def content_csv(content: ReportContent) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(content.data.rows)
    # UTF-8 with BOM: Excel (the tool of most recipients) then reads the umlauts correctly.
    return buffer.getvalue().encode("utf-8-sig")


class ReportRenderer:
    """Renders templates/reports/pdf/report.html; subclasses may override the hooks."""

    template_name = "reports/pdf/report.html"
    pdf_variant = "pdf/a-3a"

    def build_content(self, spec: ReportSpec) -> ReportContent:
        return build_report_content(spec)

    def html(self, content: ReportContent) -> str:
        sections = [
            render_to_string(
                section.template,
                {**section.context, "section": section, "spec": content.spec},
            )
            for section in content.sections
        ]
        return render_to_string(
            self.template_name,
            {
                "spec": content.spec,
                "sections": sections,
                "print_css": render_to_string("reports/pdf/print.css", {"spec": content.spec}),
            },
        )

    def generate(self, spec: ReportSpec) -> RenderedPdf:
        # Reports are German publications, whatever language the requesting user had chosen.
        with translation.override("de"):
            content = self.build_content(spec)
            html = self.html(content)
        csv_bytes, chart_count = content_csv(content), len(content.charts)
        font_config, font_css = font_stylesheet()
        with warnings.catch_warnings():
            # WeasyPrint 70 opens its sRGB ICC profile without closing it; the file is closed
            # by reference counting inside write_pdf(), so its ResourceWarning falls inside this
            # filter. (A gc.collect() here cost 0.7 s of a 9 s rendering and freed nothing more.)
            warnings.simplefilter("ignore", ResourceWarning)
            document = HTML(
                string=html,
                base_url=static_root().as_uri() + "/",
                url_fetcher=RestrictedURLFetcher(),
            ).render(stylesheets=[font_css], font_config=font_config)
            pages = len(document.pages)
            pdf = document.write_pdf(
                pdf_variant=self.pdf_variant,
                attachments=[
                    Attachment(
                        string=csv_bytes,
                        name=f"ris-monitoring-{spec.year}-daten.csv",
                        description="Daten des Berichts (CSV, Semikolon, UTF-8)",
                        relationship="Data",
                        url_fetcher=RestrictedURLFetcher(),
                    )
                ],
            )
            del document
        return RenderedPdf(
            content=pdf,
            pages=pages,
            csv=csv_bytes,
            chart_count=chart_count,
        )


def render_report_pdf(spec: ReportSpec) -> RenderedPdf:
    return ReportRenderer().generate(spec)


def render_html_pdf(html: str) -> RenderedPdf:
    """Any other portal document (meeting agenda, minutes) through the same tagged PDF/A-3a
    pipeline as the report: restricted URL fetcher, embedded fonts, `<html lang>`, `<title>`."""
    font_config, font_css = font_stylesheet()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        document = HTML(
            string=html, base_url=static_root().as_uri() + "/", url_fetcher=RestrictedURLFetcher()
        ).render(stylesheets=[font_css], font_config=font_config)
        pages = len(document.pages)
        pdf = document.write_pdf(pdf_variant=ReportRenderer.pdf_variant)
    return RenderedPdf(content=pdf, pages=pages, csv=b"", chart_count=0)
