"""A world with objects in every state, for the API and open-data tests.

Everything that must never reach the public carries the marker SECRET in a text the API or
the open data would show; everything public carries a name the tests look for. `grow` adds
rows of every public and internal kind, n at a time (query-budget tests, 1× and 10×).
"""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from api import services as api_services
from fields.models import Actor, Roadmap, Theme
from governance.models import Body, Decision, ForumEvent
from monitoring.models import YearLock
from reports.models import Report
from ris_portal.roles import GROUP_STATISTICS
from tests.api.factories import ApiTokenFactory
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    BodyFactory,
    FieldFactory,
    IndicatorFactory,
    MeasureFactory,
    MembershipFactory,
    NeedFactory,
    RoadmapFactory,
    ThemeFactory,
    UserFactory,
    ValueNetworkFactory,
)
from tests.governance.factories import (
    DecisionFactory,
    ForumEventFactory,
    MeetingFactory,
    RegistrationFactory,
    ReviewResponseFactory,
    ReviewRoundFactory,
)
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorValueFactory,
    TargetFactory,
    YearLockFactory,
)
from tests.reports.factories import ReportFactory

SECRET = "GEHEIM"
LOCKED_YEAR = 2023
OPEN_YEAR = 2025


def _roadmap(network, number, status, title, current=False, archived=False):
    return RoadmapFactory(
        network=network,
        number=number,
        is_current=current,
        title=title,
        status=status,
        is_archived=archived,
        published_at=timezone.now() if status == Roadmap.Status.PUBLISHED else None,
    )


def build_world(cast) -> dict:
    fa, fb = cast.field_a, cast.field_b
    w: dict = {}
    archived_field = FieldFactory(name=f"{SECRET} archiviertes Feld", is_archived=True)
    w["theme"] = ThemeFactory(field=fa, slug="oeffentliches-thema", name="Öffentliches Thema")
    w["highlight"] = ThemeFactory(
        field=fb, slug="highlight-b", name="Highlight B", status=Theme.Status.HIGHLIGHT
    )
    w["candidate"] = ThemeFactory(
        field=fa, slug="kandidat", name=f"{SECRET} Kandidat", status=Theme.Status.CANDIDATE
    )
    ThemeFactory(field=fa, name=f"{SECRET} archiviertes Thema", is_archived=True)
    ThemeFactory(field=archived_field, name=f"{SECRET} Thema im archivierten Feld")
    w["theme"].potentials.clear()
    w["theme"].related_fields.add(fb)

    w["network"] = ValueNetworkFactory(theme=w["theme"], slug="netz-a", name="Netz A")
    w["network_b"] = ValueNetworkFactory(theme=w["highlight"], slug="netz-b", name="Netz B")
    ValueNetworkFactory(theme=w["candidate"], slug="netz-k", name=f"{SECRET} Netz K")

    # Network A: a published Fassung 1 with structure, a draft Fassung 2 (current).
    w["roadmap"] = _roadmap(w["network"], 1, Roadmap.Status.PUBLISHED, "Roadmap A veröffentlicht")
    _roadmap(w["network"], 2, Roadmap.Status.DRAFT, f"{SECRET} Roadmap A Entwurf", current=True)
    actor = ActorFactory(name="Akteur Öffentlich", kind=Actor.Kind.COMPANY)
    action_field = ActionFieldFactory(roadmap=w["roadmap"], title="Handlungsfeld 1")
    measure = MeasureFactory(action_field=action_field, title="Maßnahme 1", order=1)
    measure.responsible_actors.set([actor])
    MeasureFactory(
        action_field=action_field, title=f"{SECRET} archivierte Maßnahme", is_archived=True
    )
    ActionFieldFactory(
        roadmap=w["roadmap"], title=f"{SECRET} archiviertes Handlungsfeld", is_archived=True
    )
    # Network B (field B): every other state, one Fassung each.
    w["roadmaps_hidden"] = {}
    states = [
        Roadmap.Status.DRAFT,
        Roadmap.Status.BOARD_REVIEW,
        Roadmap.Status.SUBMITTED,
        Roadmap.Status.APPROVED,
        Roadmap.Status.RETURNED,
    ]
    for number, status in enumerate(states, start=1):
        w["roadmaps_hidden"][status] = _roadmap(
            w["network_b"], number, status, f"{SECRET} Roadmap {status}"
        )
    w["roadmaps_hidden"]["archived"] = _roadmap(
        w["network_b"],
        len(states) + 1,
        Roadmap.Status.PUBLISHED,
        f"{SECRET} archivierte Roadmap",
        current=True,
        archived=True,
    )
    w["need"] = NeedFactory(theme=w["theme"], title=f"{SECRET} Bedarf A")
    w["need_b"] = NeedFactory(theme=w["highlight"], title=f"{SECRET} Bedarf B")

    # Bodies and members.
    board_a = cast.board_a
    consenting = UserFactory(first_name="Konrad", last_name="Konsens")
    MembershipFactory(body=board_a, user=consenting, public_consent=True, organisation=actor)
    for last_name, extra in (
        ("Nichtkonsens", {}),
        ("Archiviert", {"public_consent": True, "is_archived": True}),
        ("Ehemalig", {"public_consent": True, "end": datetime.date(2024, 12, 31)}),
    ):
        MembershipFactory(
            body=board_a, user=UserFactory(first_name=SECRET, last_name=last_name), **extra
        )
    BodyFactory(
        field=None, kind=Body.Kind.FORUM, name=f"{SECRET} archiviertes Gremium", is_archived=True
    )
    w["forum"] = BodyFactory(field=None, kind=Body.Kind.FORUM, slug="forum", name="Forum")

    meeting = MeetingFactory(body=cast.lenkungskreis, title="Sitzung des Lenkungskreises")
    w["decision"] = DecisionFactory(
        body=cast.lenkungskreis,
        meeting=meeting,
        title="Beschluss öffentlich",
        outcome=Decision.Outcome.APPROVED,
        roadmap=w["roadmap"],
    )
    w["decision_on_hidden"] = DecisionFactory(
        body=cast.lenkungskreis,
        title="Beschluss über eine noch nicht veröffentlichte Roadmap",
        outcome=Decision.Outcome.APPROVED,
        roadmap=w["roadmaps_hidden"][Roadmap.Status.APPROVED],
    )
    DecisionFactory(
        body=cast.lenkungskreis,
        title=f"{SECRET} nicht öffentlicher Beschluss",
        outcome=Decision.Outcome.RETURNED,
        is_public=False,
    )
    DecisionFactory(
        body=cast.lenkungskreis,
        title=f"{SECRET} archivierter Beschluss",
        outcome=Decision.Outcome.APPROVED,
        is_archived=True,
    )
    MeetingFactory(body=board_a, title=f"{SECRET} interne Sitzung")

    # Events with registrations (personal data) and an archived event.
    w["event"] = ForumEventFactory(slug="forum-oeffentlich")
    RegistrationFactory(
        event=w["event"], name=f"{SECRET} Teilnehmerin", email="teilnehmerin@example.org"
    )
    archived_event = ForumEventFactory(slug="forum-archiviert")
    ForumEvent.objects.filter(pk=archived_event.pk).update(
        is_archived=True, title=f"{SECRET} archivierte Veranstaltung"
    )

    # A review round with a comment and a declared conflict of interest.
    round_ = ReviewRoundFactory(body=board_a, created_by=cast.staff, needs=[w["need"]])
    ReviewResponseFactory(
        item=round_.items.get(),
        user=cast.board,
        score=None,
        comment=f"{SECRET} Kommentar",
        conflict_of_interest=True,
    )

    # Indicators: a locked (published) and an open year; archived rows.
    YearLockFactory(year=LOCKED_YEAR)
    w["indicator"] = IndicatorFactory(code="IND-PUB", name="Indikator öffentlich")
    IndicatorFactory(code="IND-ARCH", name=f"{SECRET} archivierter Indikator", is_archived=True)
    w["value_locked"] = IndicatorValueFactory(
        indicator=w["indicator"], year=LOCKED_YEAR, value=Decimal("111.5"), status="endgueltig"
    )
    w["value_field"] = IndicatorValueFactory(
        indicator=w["indicator"], field=fa, year=LOCKED_YEAR, value=Decimal("12")
    )
    w["value_open"] = IndicatorValueFactory(
        indicator=w["indicator"],
        year=OPEN_YEAR,
        value=Decimal("999.25"),
        source_note=f"{SECRET} unveröffentlichter Wert",
    )
    IndicatorValueFactory(
        indicator=w["indicator"],
        year=LOCKED_YEAR - 1,
        value=Decimal("5"),
        source_note=f"{SECRET} archivierter Wert",
        is_archived=True,
    )
    w["target"] = TargetFactory(indicator=w["indicator"])

    # Reports in every state.
    w["report"] = ReportFactory(status=Report.Status.PUBLISHED, year=LOCKED_YEAR)
    w["reports_hidden"] = [
        ReportFactory(status=Report.Status.READY, year=2024, description=f"{SECRET} fertig"),
        ReportFactory(status=Report.Status.FAILED, year=2024, description=f"{SECRET} x"),
        ReportFactory(
            status=Report.Status.REQUESTED,
            year=2025,
            description=f"{SECRET} angefordert",
        ),
    ]
    w["activity"] = ActivityFactory(title=f"{SECRET} Aktivität", fields=[fa])
    return w


def statistics_user():
    return UserFactory(username="statistik@example.org", groups=[GROUP_STATISTICS])


def token_for(user, *scopes: str, created_by=None) -> str:
    """A token for any user (tests may give one to roles the UI would refuse)."""
    raw = api_services.TOKEN_PREFIX + f"test-{user.pk}-{'-'.join(scopes) or 'public'}"
    ApiTokenFactory(user=user, raw=raw, scopes=list(scopes), created_by=created_by or user)
    return raw


_seq = itertools.count(1)


def grow(cast, n: int) -> None:
    YearLock.objects.get_or_create(year=2023)
    for _ in range(n):
        i = next(_seq)
        field = FieldFactory(name=f"Bulk-Feld {i}")
        theme = ThemeFactory(field=field, slug=f"bulk-thema-{i}")
        theme.related_fields.add(cast.field_a)
        actor = ActorFactory(name=f"Bulk-Akteur {i}", kind=Actor.Kind.COMPANY)
        network = ValueNetworkFactory(theme=theme, slug=f"bulk-netz-{i}", name=f"N {i}")
        need = NeedFactory(theme=theme, title=f"Bedarf {i}")
        roadmap = RoadmapFactory(
            network=network,
            title=f"R {i}",
            status=Roadmap.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        action_field = ActionFieldFactory(roadmap=roadmap, title=f"H {i}")
        measure = MeasureFactory(action_field=action_field, title=f"M {i}")
        measure.responsible_actors.set([actor])
        measure.needs.set([need])
        body = BodyFactory(field=field)
        MembershipFactory(body=body, user=UserFactory(), public_consent=True, organisation=actor)
        DecisionFactory(body=body, title=f"B {i}", outcome="angenommen", roadmap=roadmap)
        ForumEventFactory(body=body, slug=f"bulk-forum-{i}", title=f"F {i}", days=i)
        indicator = IndicatorFactory()
        IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal(i))
        IndicatorValueFactory(indicator=indicator, field=field, year=2023, value=Decimal(i))
        TargetFactory(indicator=indicator)
        ReportFactory(status=Report.Status.PUBLISHED, year=2000 + i % 50, kind="altbericht")
        ActivityFactory(fields=[field]).themes.set([theme])
