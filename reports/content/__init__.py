"""What goes into a report: chapter providers reading a snapshot as of the Stichtag.

- `base`: the spec, sections, the CSV data table and the context every provider gets.
- `snapshot`: everything the report reads, as it stood at the end of the Stichtag.
- `indicators`: indicator blocks (time series, CSV rows) from `monitoring.indicators`.
- `chapters/`: one small module per chapter; `build.PROVIDERS` sets their order.
- `links`: absolute portal links for report lines.
"""

from .base import (
    CSV_HEADER,
    NO_DATA,
    DataTable,
    Provider,
    ReportContent,
    ReportContext,
    ReportSpec,
    Section,
    default_stichtag,
)
from .build import PROVIDERS, build_report_content
from .snapshot import Snapshot

__all__ = [
    "CSV_HEADER",
    "NO_DATA",
    "PROVIDERS",
    "DataTable",
    "Provider",
    "ReportContent",
    "ReportContext",
    "ReportSpec",
    "Section",
    "Snapshot",
    "build_report_content",
    "default_stichtag",
]
