"""Import and export of activities, indicator values and actors (CSV/XLSX).

Export uses django-import-export `ModelResource`s (German column names, so that an exported file
can be edited and imported again). Import uses tuned resources: django-import-export's default
row-by-row path (one or more queries per row, plus one history insert per row) needs minutes for
10,000 rows, so each `*ImportResource` validates the whole file against lookups loaded once, diffs
against the existing rows in a handful of queries, and writes with `bulk_create`/`bulk_update`
(with history rows via django-simple-history's bulk helpers).

A resource never writes during validation; `apply()` runs inside the caller's transaction.
Modules: `engine` (columns, preview, the base resource), `writing` (apply and roll back),
one module per import kind,
`registry` (kind → resource, templates), `exports`.
"""

from .activities import (  # noqa: F401
    ActivityImportResource,
)
from .actors import (  # noqa: F401
    ActorImportResource,
)
from .engine import (  # noqa: F401
    CHUNK,
    BaseImportResource,
    Column,
    ImportPreview,
    RowResult,
)
from .exports import (  # noqa: F401
    RAW,
    ActivityExportResource,
    IndicatorValueExportResource,
    RawWidget,
)
from .indicator_values import (  # noqa: F401
    IndicatorValueImportResource,
)
from .registry import (  # noqa: F401
    IMPORT_RESOURCES,
    template_dataset,
)
