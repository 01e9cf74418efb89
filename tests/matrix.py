"""Building blocks for the URL × role matrix (see tests/test_url_matrix.py).

Each app lists its URLs in `tests/<app>/url_matrix.py`:

    def world(cast) -> dict            # objects the URLs need (optional)
    CASES = [Case("app:name", kwargs=lambda cast, w: {...}, expect=STAFF_ONLY), ...]

`expect` maps every role of `Cast.ROLES` to the status code it must get; for anonymous
visitors of non-public pages that is 302 (to the login page) or 404.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "user", "board", "steering", "ministry", "staff", "superuser")


def expect(anonymous, user, board, steering, ministry, staff, superuser) -> dict[str, int]:
    return dict(
        zip(ROLES, (anonymous, user, board, steering, ministry, staff, superuser), strict=True)
    )


PUBLIC = expect(200, 200, 200, 200, 200, 200, 200)
STAFF_ONLY = expect(302, 403, 403, 403, 403, 200, 200)
STAFF_ONLY_POST = expect(302, 403, 403, 403, 403, 302, 302)  # success redirects
DASHBOARD = expect(302, 403, 403, 200, 200, 200, 200)  # steering, ministry, staff
LOGGED_IN = expect(302, 200, 200, 200, 200, 200, 200)
WORKSPACE = expect(302, 403, 200, 200, 200, 200, 200)  # every role with work in the portal
# The same answer for everybody: a link that is its own credential (or a bad one), a form
# anybody may send.
NOWHERE = expect(404, 404, 404, 404, 404, 404, 404)
REDIRECTED = expect(302, 302, 302, 302, 302, 302, 302)


def pk(key: str) -> Callable:
    """URL kwargs of the world's object `key`: `{"pk": world[key].pk}`."""
    return lambda cast, world: {"pk": world[key].pk}


@dataclass
class Case:
    name: str
    expect: dict[str, int]
    kwargs: Callable = lambda cast, world: {}
    method: str = "get"
    data: Callable = lambda cast, world: {}
    query: str = ""
    # Some URLs are covered twice (e.g. own field vs. foreign field); ids keep them apart.
    label: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def staff_post(
        cls, name: str, kwargs: Callable, data: Callable = lambda cast, world: {}, label: str = ""
    ) -> "Case":
        """Staff send a form (success redirects; everybody else is refused)."""
        return cls(name, STAFF_ONLY_POST, kwargs=kwargs, method="post", data=data, label=label)

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}"


def variants(name: str, *rows: tuple[str, dict[str, int], Callable]) -> list[Case]:
    """One URL in several situations, a row each: (label, expected statuses, kwargs)."""
    return [Case(name, expect, kwargs=kwargs, label=label) for label, expect, kwargs in rows]
