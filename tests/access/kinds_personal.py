"""Kinds of the personal area: the secret calendar feed and the signed unsubscribe link.

Both are addressed by a secret in the URL (no login): the feed by the token a person created
(revoked: replaced by a new one), the unsubscribe link by a signature (tampered: altered).
"""

from __future__ import annotations

from dataclasses import dataclass

from personal import notifications, services

from .policy import everyone
from .world import Kind, World


@dataclass(frozen=True)
class Secret:
    token: str


def build_feeds(w: World) -> None:
    active = services.calendar_token_renew(user=w.cast.board).calendar_token
    w.add("calendar_feed", "active", "-", Secret(active))
    revoked = services.calendar_token_renew(user=w.cast.steering).calendar_token
    services.calendar_token_renew(user=w.cast.steering)  # the old address stops working
    w.add("calendar_feed", "revoked", "-", Secret(revoked))


def build_unsubscribe_links(w: World) -> None:
    token = notifications.unsubscribe_token(user_id=w.cast.board.pk, kind="sitzung")
    w.add("unsubscribe_link", "valid", "-", Secret(token))
    w.add("unsubscribe_link", "tampered", "-", Secret(token[:-3] + "xyz"))


KINDS = [
    Kind("calendar_feed", ("active", "revoked"), build_feeds, everyone),
    Kind("unsubscribe_link", ("valid", "tampered"), build_unsubscribe_links, everyone),
]
