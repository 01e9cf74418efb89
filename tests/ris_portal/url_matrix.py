from tests.factories import (
    FeedbackMessageFactory,
    InvitationFactory,
    OutboxMailFactory,
    UserFactory,
)
from tests.matrix import PUBLIC, REDIRECTED, STAFF_ONLY, Case, pk


def world(cast) -> dict:
    invited = UserFactory(username="eingeladen@example.org")
    invited.set_unusable_password()
    invited.save()
    invitation = InvitationFactory(
        user=invited, invited_by=cast.staff, last_sent_at="2026-01-01T10:00:00Z"
    )
    feedback = FeedbackMessageFactory(message="Kontrast zu gering")
    return {"invitation": invitation, "feedback": feedback, "mail": OutboxMailFactory(failed=True)}


CASES = [
    Case("home", PUBLIC),
    Case("imprint", PUBLIC),
    Case("privacy", PUBLIC),
    Case("accessibility", PUBLIC),
    Case(
        "accessibility",
        REDIRECTED,
        method="post",
        data=lambda c, w: {"message": "Der Kontrast ist zu gering."},
        label="post",
    ),
    Case("healthz", PUBLIC),
    Case("healthz_live", PUBLIC),
    Case("feedback_inbox", STAFF_ONLY),
    Case.staff_post("feedback_mark_handled", pk("feedback")),
    Case("outbox_list", STAFF_ONLY),
    Case.staff_post("outbox_retry", pk("mail")),
    Case("invitation_list", STAFF_ONLY),
    Case("invitation_create", STAFF_ONLY),
    Case.staff_post("invitation_resend", pk("invitation")),
]
