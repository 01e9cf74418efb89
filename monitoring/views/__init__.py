"""Views of the monitoring app: thin adapters over selectors (reads) and services (writes).

One module per subdomain: public indicator pages and dashboards, activities, imports,
indicator values and targets (staff), data quality. Downloads go through
`ris_portal.spreadsheets.spreadsheet_response`.
"""

from .activities import (  # noqa: F401
    ActivityArchiveView,
    ActivityCreateView,
    ActivityExportView,
    ActivityHistoryView,
    ActivityListView,
    ActivityUpdateView,
)
from .imports import (  # noqa: F401
    ImportDetailView,
    ImportRollbackView,
    ImportView,
    import_confirm,
    import_discard,
    import_template,
)
from .indicators import (  # noqa: F401
    IndicatorManageView,
    IndicatorValueCreateView,
    IndicatorValueHistoryView,
    IndicatorValueUpdateView,
    TargetCreateView,
    TargetUpdateView,
    YearLockView,
    indicator_value_export,
)
from .public import DashboardView, IndicatorCatalogueView, IndicatorPublicView  # noqa: F401
from .quality import (  # noqa: F401
    CompletenessView,
    QualityConfirmationListView,
    ValidationRuleHistoryView,
    ValidationRuleView,
)
