"""Run the chapter providers in print order and add the table of contents."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .base import DataTable, Provider, ReportContent, ReportContext, ReportSpec, Section
from .chapters.annex import annex
from .chapters.cover import cover
from .chapters.data_gaps import data_gaps
from .chapters.fields import field_chapters
from .chapters.governance import governance
from .chapters.overview import overview
from .chapters.period import period
from .chapters.summary import summary
from .snapshot import Snapshot

# The chapters in print order. Add a chapter by inserting its provider here; a provider takes
# the `ReportContext` and returns its sections (see `base.py`).
PROVIDERS: list[Provider] = [
    cover,
    overview,
    period,
    summary,
    field_chapters,
    governance,
    annex,
    data_gaps,
]


def build_report_content(
    spec: ReportSpec, providers: list[Provider] | None = None
) -> ReportContent:
    report = ReportContext(
        spec=spec, data=DataTable(), snapshot=Snapshot(spec.cutoff, years=spec.years)
    )
    sections: list[Section] = []
    for provider in PROVIDERS if providers is None else providers:
        sections.extend(provider(report))
    toc = Section(
        key="inhalt",
        title=_("Inhalt"),
        template="reports/pdf/section_toc.html",
        context={"entries": [s for s in sections if s.in_toc]},
        in_toc=False,
    )
    # The table of contents follows the cover.
    sections.insert(1 if sections and sections[0].key == "titelseite" else 0, toc)
    return ReportContent(spec=spec, sections=sections, data=report.data)
