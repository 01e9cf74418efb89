"""Models of the governance app, one module per subdomain.

`bodies` (bodies, memberships, development goals; roles in `ris_portal.roles` derive from
memberships), `meetings` (meetings, agenda, documents, attendance, minutes, decisions),
`recommendations` (board recommendations and their online votes), `replies` (members'
answers to invitations), `reviews` (review rounds), `events` (forum events and registrations).
"""

from .bodies import (  # noqa: F401
    Body,
    DevelopmentGoal,
    Membership,
    MembershipQuerySet,
)
from .events import (  # noqa: F401
    ForumEvent,
    Registration,
)
from .meetings import (  # noqa: F401
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingDocument,
    Minutes,
)
from .recommendations import (  # noqa: F401
    Recommendation,
    RecommendationVote,
)
from .replies import (  # noqa: F401
    MeetingReply,
)
from .reviews import (  # noqa: F401
    ReviewItem,
    ReviewResponse,
    ReviewRound,
)
