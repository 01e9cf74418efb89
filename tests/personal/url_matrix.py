from personal import notifications, services
from tests.matrix import LOGGED_IN, NOWHERE, PUBLIC, Case, expect

LOGGED_IN_POST = expect(302, 302, 302, 302, 302, 302, 302)  # success redirects


def world(cast) -> dict:
    return {
        "unsubscribe": notifications.unsubscribe_token(user_id=cast.board.pk, kind="sitzung"),
        "feed": services.calendar_token_renew(user=cast.board).calendar_token,
    }


CASES = [
    Case("personal:tasks", LOGGED_IN),
    # The badge fragment: empty for anonymous visitors (the navigation has no item for them).
    Case("personal:task_count", PUBLIC),
    Case("personal:notifications", LOGGED_IN),
    Case("personal:notifications_read", LOGGED_IN_POST, method="post"),
    Case("personal:settings", LOGGED_IN),
    Case(
        "personal:settings",
        LOGGED_IN_POST,
        method="post",
        data=lambda c, w: {"delivery": "taeglich", "email_kinds": ["sitzung"]},
        label="post",
    ),
    Case("personal:calendar_token", LOGGED_IN_POST, method="post"),
    # The signed link is the credential: whoever holds it sees the button (no login).
    Case("personal:unsubscribe", PUBLIC, kwargs=lambda c, w: {"token": w["unsubscribe"]}),
    Case("personal:unsubscribe", NOWHERE, kwargs=lambda c, w: {"token": "gefaelscht"}, label="bad"),
    Case("personal:calendar_feed", PUBLIC, kwargs=lambda c, w: {"token": w["feed"]}),
    Case(
        "personal:calendar_feed",
        NOWHERE,
        kwargs=lambda c, w: {"token": "x" * 43},
        label="revoked",
    ),
]
