"""The cover: title, reporting year, Stichtag and version."""

from __future__ import annotations

from ..base import ReportContext, Section, chapter


def cover(report: ReportContext) -> list[Section]:
    return chapter(
        "titelseite",
        report.spec.title,
        "cover",
        {"spec": report.spec, "stichtag": report.spec.cutoff},
        in_toc=False,
    )
