"""Objects of one kind in every state, for the object-access test (tests/access/).

A kind's builder adds its objects to a `World`: each gets a unique *marker* in its title or
name, so that the test can also tell when a page shows an object to a role that must not
learn about it (a title in a list, a version switcher, a history entry).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from .policy import Audience

_sequence = itertools.count(1)


@dataclass
class Instance:
    kind: str
    state: str
    scope: str
    obj: Any
    marker: str | None


@dataclass
class World:
    cast: Any
    instances: list[Instance] = field(default_factory=list)

    def marker(self) -> str:
        # Fixed length and distinctive: no marker is part of another or of ordinary text.
        return f"Qz{next(_sequence):05d}zQ"

    def add(self, kind: str, state: str, scope: str, obj, marker: str | None = None):
        self.instances.append(Instance(kind, state, scope, obj, marker))
        return obj

    def add_per_status(self, kind: str, scopes, statuses: dict[str, str], build) -> None:
        """One `kind` object per scope and state: `build(scope, state, status, marker)` makes
        it, with the marker in its texts (an "archived" state is a status plus is_archived)."""
        for scope in scopes:
            for state, status in statuses.items():
                marker = self.marker()
                self.add(kind, state, scope, build(scope, state, status, marker), marker)

    def field(self, scope: str):
        return {"a": self.cast.field_a, "b": self.cast.field_b}[scope]

    def body(self, scope: str):
        return {
            "a": self.cast.board_a,
            "b": self.cast.board_b,
            "lk": self.cast.lenkungskreis,
        }[scope]


def every_status(status_enum, archived=None) -> dict[str, str]:
    """{state: status} for every status the model knows (state: the lower-case member name),
    plus the state "archived" with the status `archived` if given (set is_archived for it)."""
    states = {member.name.lower(): member for member in status_enum}
    return states | ({"archived": archived} if archived is not None else {})


@dataclass(frozen=True)
class Kind:
    """An object kind: how to build it in each state and who may learn that it exists."""

    name: str
    states: tuple[str, ...]
    build: Callable[[World], None]
    # Who may see the object anywhere (public pages included); markers of objects outside it
    # must not appear in any page a role gets.
    visible: Audience


def days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


# Everything a role can read in a response: pages, and the API's JSON, CSV exports and
# calendars (a draft's title in a JSON list leaks as much as in a page). PDFs and
# spreadsheets are compressed: their content is checked by the tests of the reports app.
READABLE_TYPES = ("text/html", "application/json", "text/csv", "text/calendar", "text/plain")


def readable_text(response) -> str:
    content_type = response.get("Content-Type", "")
    if response.streaming or not content_type.startswith(READABLE_TYPES):
        return ""
    return response.content.decode(errors="replace")
