"""Views of the governance app: thin adapters over selectors (reads) and services (writes).

One module per subdomain: public pages, members' pages, review rounds, bodies and their
members (staff), meetings (staff), approvals and goals, forum events (staff). Form pages,
versioned saves and confirmations come from `ris_portal.editing`.
"""

from .approvals import (  # noqa: F401
    APPROVAL_VIEWS,
    ApprovalListView,
    GoalCreateView,
    GoalDecideView,
    GoalDetailView,
    GoalFollowView,
    GoalHistoryView,
    GoalListView,
    GoalSubmitView,
    GoalUpdateView,
    RoadmapDecideView,
    RoadmapHistoryView,
    RoadmapPublishView,
    RoadmapSubmitView,
)
from .bodies import (  # noqa: F401
    BodyManageView,
    BodyUpdateView,
    MemberInviteView,
    MembershipEndView,
    MembershipUpdateView,
)
from .events import (  # noqa: F401
    EventAttendanceView,
    EventCancelView,
    EventCreateView,
    EventManageListView,
    EventParticipantsCsvView,
    EventParticipantsView,
    EventUpdateView,
    RegistrationCancelView,
)
from .meetings import (  # noqa: F401
    AgendaItemCreateView,
    AgendaItemRemoveView,
    AgendaItemUpdateView,
    AttendanceView,
    DecisionCreateView,
    DocumentRestoreView,
    DocumentUploadView,
    DocumentWithdrawView,
    MeetingCancelView,
    MeetingCreateView,
    MeetingInviteView,
    MeetingListView,
    MeetingUpdateView,
    MinutesApproveView,
    MinutesEditView,
)
from .members import (  # noqa: F401
    DocumentDownloadView,
    MeetingCalendarView,
    MeetingDetailView,
    MyBodiesView,
)
from .public import (  # noqa: F401
    BodyListView,
    BodyPublicView,
    DecisionListView,
    EventListView,
    EventPublicView,
    RegistrationConfirmView,
    RegistrationSelfCancelView,
)
from .recommendations import (  # noqa: F401
    DecisionDetailView,
    RecommendationCloseView,
    RecommendationDetailView,
    RecommendationRecordView,
    RecommendationRoundOpenView,
    RecommendationVoteView,
)
from .replies import (  # noqa: F401
    MeetingReplyLinkView,
    MeetingReplyView,
)
from .reviews import (  # noqa: F401
    ReviewApplyView,
    ReviewCloseView,
    ReviewCreateView,
    ReviewDetailView,
    ReviewExportView,
    ReviewListView,
)
