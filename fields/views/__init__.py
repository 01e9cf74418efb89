"""Views of the fields app: public pages and the staff workspace (thin; logic in services).

Modules: `workspace` (the generic list/detail/create/update/archive/history building blocks),
`public`, `strategy` (fields, themes, assessments), `networks` (actors, value networks, needs),
`roadmaps`, `measures` (action fields and measures, in place on the roadmap page with htmx).
"""

from .measures import (  # noqa: F401
    ACTION_FIELD_EDIT_VIEWS,
    MEASURE_EDIT_VIEWS,
    ActionFieldCreateView,
    ActionFieldMoveView,
    InPlaceUpdateMixin,
    MeasureCreateView,
    MeasureDetailView,
    MeasureListView,
    MeasureMoveView,
    MoveView,
    RoadmapStructureMixin,
)
from .networks import (  # noqa: F401
    ACTOR_EDIT_VIEWS,
    NEED_EDIT_VIEWS,
    NETWORK_EDIT_VIEWS,
    ActorDetailView,
    ActorListView,
    MembershipAddView,
    MembershipArchiveView,
    MembershipUpdateView,
    NeedDetailView,
    NeedListView,
    NetworkDetailView,
    NetworkListView,
)
from .public import (  # noqa: F401
    FieldPublicView,
    MeasurePublicView,
    RoadmapPublicView,
)
from .roadmaps import (  # noqa: F401
    NEW_ACTION_FIELD_PREFIX,
    EditableRoadmapMixin,
    ReadOnlyRedirectMixin,
    ReadOnlyRoadmap,
    RoadmapArchiveView,
    RoadmapCommentView,
    RoadmapCreateView,
    RoadmapDetailView,
    RoadmapFollowView,
    RoadmapHistoryView,
    RoadmapListView,
    RoadmapTransitionView,
    RoadmapUpdateView,
    measure_prefix,
    render_structure,
    roadmap_context,
)
from .strategy import (  # noqa: F401
    ASSESSMENT_EDIT_VIEWS,
    THEME_EDIT_VIEWS,
    AssessmentCreateView,
    FieldArchiveView,
    FieldDetailView,
    FieldHistoryView,
    FieldListView,
    FieldPortfolioView,
    FieldUpdateView,
    ThemeDetailView,
    ThemeListView,
    theme_highlight,
)
from .workspace import markdown_preview  # noqa: F401
