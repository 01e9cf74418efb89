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
from tests.matrix import PUBLIC, STAFF_ONLY, STAFF_ONLY_POST, Case, expect
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


def _pk(key):
    return lambda cast, w: {"pk": w[key].pk}


CASES = [
    Case("api:root", PUBLIC),
    Case("api:schema", PUBLIC),
    Case("api:docs", PUBLIC),
    Case("api:field-list", PUBLIC),
    Case("api:field-detail", PUBLIC, kwargs=lambda cast, w: {"slug": cast.field_a.slug}),
    Case("api:theme-list", PUBLIC),
    Case("api:theme-detail", PUBLIC, kwargs=_pk("theme")),
    Case("api:network-list", PUBLIC),
    Case("api:network-detail", PUBLIC, kwargs=_pk("network")),
    Case("api:roadmap-list", PUBLIC),
    Case("api:roadmap-detail", PUBLIC, kwargs=_pk("roadmap")),
    Case("api:need-list", NEEDS_TOKEN),
    Case("api:need-detail", NEEDS_TOKEN, kwargs=_pk("need")),
    Case("api:body-list", PUBLIC),
    Case("api:body-detail", PUBLIC, kwargs=lambda cast, w: {"slug": cast.board_a.slug}),
    Case("api:decision-list", PUBLIC),
    Case("api:decision-detail", PUBLIC, kwargs=_pk("decision")),
    Case("api:event-list", PUBLIC),
    Case("api:event-detail", PUBLIC, kwargs=lambda cast, w: {"slug": w["event"].slug}),
    Case("api:indicator-list", PUBLIC),
    Case("api:indicator-detail", PUBLIC, kwargs=lambda cast, w: {"code": w["indicator"].code}),
    Case("api:indicator-value-list", PUBLIC),
    Case("api:indicator-value-detail", PUBLIC, kwargs=_pk("value")),
    # Writing needs a token with the write scope: without one, 401 for every session role.
    Case(
        "api:indicator-value-list",
        NEEDS_TOKEN,
        method="post",
        label="write",
        data=lambda cast, w: {"indicator": "IND-MATRIX", "year": 2025, "value": 1},
    ),
    Case("api:target-list", PUBLIC),
    Case("api:target-detail", PUBLIC, kwargs=_pk("target")),
    Case("api:report-list", PUBLIC),
    Case("api:report-detail", PUBLIC, kwargs=_pk("report")),
    Case("api:activity-list", NEEDS_TOKEN),
    Case("api:activity-detail", NEEDS_TOKEN, kwargs=_pk("activity")),
    Case("api:token_list", STAFF_ONLY),
    Case("api:token_create", STAFF_ONLY),
    Case("api:token_revoke", TOKEN_PAGE, kwargs=_pk("token")),
    Case("api:token_revoke", STAFF_ONLY_POST, kwargs=_pk("token"), method="post", label="post"),
]
