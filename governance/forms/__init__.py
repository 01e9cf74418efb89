"""Forms of the governance app, one module per subdomain (as the views and services)."""

from .approvals import (  # noqa: F401
    ApprovalDecideForm,
    GoalForm,
    RecommendationCloseForm,
    RecommendationMeetingForm,
    RecommendationRoundForm,
    RecommendationVoteForm,
)
from .bodies import (  # noqa: F401
    BodyForm,
    MemberInviteForm,
    MembershipEndForm,
    MembershipForm,
)
from .common import (  # noqa: F401
    DATE_WIDGET,
    DATETIME_WIDGET,
    CancelForm,
)
from .events import (  # noqa: F401
    EventAttendanceForm,
    EventCancelForm,
    EventForm,
    RegistrationForm,
)
from .meetings import (  # noqa: F401
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingReplyForm,
    MinutesForm,
)
from .reviews import (  # noqa: F401
    SCORE_CHOICES,
    ReviewAnswerForm,
    ReviewCloseForm,
    ReviewRoundForm,
)
