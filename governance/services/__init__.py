"""Writes of the governance app, one module per subdomain.

Every service is keyword-only, validates with `full_clean()` and runs in a transaction. Changes
to versioned rows of other apps (roadmaps, needs) go through `save_versioned`, so that they are
refused on a concurrent edit and appear in the object's history with a reason. Callers import
from this package; the modules are bodies, meetings, approvals, recommendations,
reviews and events.
"""

from .approvals import (  # noqa: F401
    APPROVED,
    RETURNED,
    SUBMITTABLE,
    SUBMITTED,
    approval_decide,
    approval_submit,
    goal_ensure_editable,
    goal_save,
    roadmap_publish,
    steering_committee,
)
from .bodies import (  # noqa: F401
    membership_dates_problem,
    membership_end,
    membership_end_refusal,
    membership_invite,
)
from .events import (  # noqa: F401
    REGISTRATION_CONFIRM_HOURS,
    REGISTRATION_RESEND_AFTER,
    event_attendance_record,
    event_cancel,
    event_save,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_for_cancel_link,
    registration_pending,
    registrations_purge,
)
from .meetings import (  # noqa: F401
    ALLOWED_UPLOADS,
    MAX_UPLOAD_BYTES,
    agenda_closed_reason,
    agenda_ensure_open,
    agenda_item_create,
    agenda_item_remove,
    agenda_item_update,
    attendance_record,
    body_recipients,
    decision_record,
    document_check,
    document_restore,
    document_upload,
    document_withdraw,
    meeting_cancel,
    meeting_changes_notify,
    meeting_create,
    meeting_invitations_send,
    minutes_approve,
    minutes_update,
)
from .recommendations import (  # noqa: F401
    FOLLOWS,
    RECOMMENDABLE,
    recommendation_board,
    recommendation_check_decision,
    recommendation_majority,
    recommendation_record,
    recommendation_round_close,
    recommendation_round_open,
    recommendation_tally,
    recommendation_vote,
    recommendation_voter_ids,
)
from .replies import (  # noqa: F401
    is_invited,
    meeting_ensure_started,
    meeting_quorum,
    meeting_reply_save,
    reply_token,
    reply_token_read,
)
from .reviews import (  # noqa: F401
    review_answers_save,
    review_member_ids,
    review_participation_counts,
    review_priorities_apply,
    review_priorities_preview,
    review_reminders_send,
    review_round_close,
    review_round_open,
)
