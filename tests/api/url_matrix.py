"""The API and its staff pages in the URL × role matrix.

The API authenticates by token only, so every logged-in role reads exactly what anonymous
visitors read (the token × role rules are in test_tokens.py); internal resources answer 401
without a token (an API client has no login page to be sent to).
"""

from decimal import Decimal

from fields.models import Roadmap
from reports.models import Report
from tests.api.factories import ApiTokenFactory
from tests.factories import (
    IndicatorFactory,
    NeedFactory,
    RoadmapFactory,
    ThemeFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import DecisionFactory, ForumEventFactory
from tests.matrix import PUBLIC, STAFF_ONLY, Case, expect, pk
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorValueFactory,
    TargetFactory,
    YearLockFactory,
)
from tests.reports.factories import ReportFactory

NEEDS_TOKEN = expect(401, 401, 401, 401, 401, 401, 401)
# The token exists but belongs to staff; others must not learn whether it does (403 first).
TOKEN_PAGE = STAFF_ONLY


def world(cast):

    theme = ThemeFactory(field=cast.field_a, slug="matrix-thema")
    network = ValueNetworkFactory(theme=theme, slug="matrix-netz", name="Netz")
    roadmap = RoadmapFactory(network=network, title="Roadmap", status=Roadmap.Status.PUBLISHED)
    YearLockFactory(year=2023)
    indicator = IndicatorFactory(code="IND-MATRIX")
    return {
        "theme": theme,
        "network": network,
        "roadmap": roadmap,
        "need": NeedFactory(theme=theme, title="Bedarf"),
        "decision": DecisionFactory(
            body=cast.lenkungskreis, title="Beschluss", outcome="angenommen"
        ),
        "event": ForumEventFactory(slug="matrix-forum"),
        "indicator": indicator,
        "value": IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("1")),
        "target": TargetFactory(indicator=indicator),
        "report": ReportFactory(status=Report.Status.PUBLISHED, year=2023),
        "activity": ActivityFactory(),
        "token": ApiTokenFactory(
            user=cast.ministry, name="T", prefix="ris_x", key_hash="0" * 64, created_by=cast.staff
        ),
    }


def _resource(name, expected, detail):
    """A resource of the router: its list and the detail of one object (`detail`: URL kwargs)."""
    return [
        Case(f"api:{name}-list", expected),
        Case(f"api:{name}-detail", expected, kwargs=detail),
    ]


CASES = [
    Case("api:root", PUBLIC),
    Case("api:schema", PUBLIC),
    Case("api:docs", PUBLIC),
    *_resource("field", PUBLIC, lambda cast, w: {"slug": cast.field_a.slug}),
    *_resource("theme", PUBLIC, pk("theme")),
    *_resource("network", PUBLIC, pk("network")),
    *_resource("roadmap", PUBLIC, pk("roadmap")),
    *_resource("need", NEEDS_TOKEN, pk("need")),
    *_resource("body", PUBLIC, lambda cast, w: {"slug": cast.board_a.slug}),
    *_resource("decision", PUBLIC, pk("decision")),
    *_resource("event", PUBLIC, lambda cast, w: {"slug": w["event"].slug}),
    *_resource("indicator", PUBLIC, lambda cast, w: {"code": w["indicator"].code}),
    *_resource("indicator-value", PUBLIC, pk("value")),
    # Writing needs a token with the write scope: without one, 401 for every session role.
    Case(
        "api:indicator-value-list",
        NEEDS_TOKEN,
        method="post",
        label="write",
        data=lambda cast, w: {"indicator": "IND-MATRIX", "year": 2025, "value": 1},
    ),
    *_resource("target", PUBLIC, pk("target")),
    *_resource("report", PUBLIC, pk("report")),
    *_resource("activity", NEEDS_TOKEN, pk("activity")),
    Case("api:token_list", STAFF_ONLY),
    Case("api:token_create", STAFF_ONLY),
    Case("api:token_revoke", TOKEN_PAGE, kwargs=pk("token")),
    Case.staff_post("api:token_revoke", pk("token"), label="post"),
]
