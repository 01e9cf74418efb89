"""The cover: title, reporting year, Stichtag and version."""

from __future__ import annotations

from ..base import ReportContext, Section


def cover(report: ReportContext) -> list[Section]:
    return [
        Section(
            key="titelseite",
            title=report.spec.title,
            template="reports/pdf/section_cover.html",
            context={"spec": report.spec, "stichtag": report.spec.cutoff},
            in_toc=False,
        )
    ]
