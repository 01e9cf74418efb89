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

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}"
