"""Every bulk write of data the report reads leaves history, so a report as of a Stichtag sees it.

django-simple-history records nothing for `bulk_create`, `QuerySet.update()` or raw SQL; the
report reads the history (`reports.content.snapshot`), so a bulk path without history would
silently be missing from (or stuck in) every report. The bulk paths are the imports of
indicator values, activities and actors (created and changed rows, their many-to-many links),
their rollback, and the renumbering when a measure or action field is moved.
"""

import datetime
from decimal import Decimal

import pytest

from fields.models import Actor, Roadmap
from fields.services import measure_move
from monitoring.services import import_batch_confirm, import_batch_create, import_batch_rollback
from reports.content import ReportSpec, build_report_content
from reports.pdf import ReportRenderer, content_csv
from tests.factories import (
    ActionFieldFactory,
    ActorFactory,
    IndicatorFactory,
    MeasureFactory,
    RoadmapFactory,
)
from tests.monitoring.factories import IndicatorValueFactory
from tests.reports.timeline import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cast_since_2020")]


class Rendered:
    def __init__(self, stichtag: datetime.date):
        content = build_report_content(ReportSpec(year=2025, title="Bericht", stichtag=stichtag))
        self.html = ReportRenderer().html(content)
        self.csv = content_csv(content).decode("utf-8-sig")
        self.rows = [line.split(";") for line in self.csv.splitlines()[1:]]

    def values(self, code: str) -> dict[str, str]:
        """{field code: value of 2025} of the indicator `code`."""
        return {r[2]: r[9] for r in self.rows if r[5] == code and r[7] == "Ist-Wert"}

    def actors(self) -> dict[str, str]:
        """{field code: number of actors} from the overview of the fields."""
        return {
            r[2]: r[9] for r in self.rows if r[3] == "Spezialisierungsfeld" and r[7] == "Akteure"
        }


def _import(kind: str, text: str, user):
    batch, preview = import_batch_create(
        kind=kind, file_name=f"{kind}.csv", content=text.encode(), user=user
    )
    assert batch is not None, preview.error_messages
    return import_batch_confirm(batch=batch, user=user)


def test_imports_and_their_rollback_are_in_the_reports_at_their_dates(cast):
    with at(datetime.date(2025, 2, 1)):
        indicator = IndicatorFactory(
            code="BULK-1", name="Massenindikator", kind="output", level="land", unit="Anzahl"
        )
        IndicatorValueFactory(indicator=indicator, year=2025, value=50)
        actor = ActorFactory(name="Alt GmbH", kind=Actor.Kind.COMPANY)
        actor.fields.set([cast.field_a])
        actor.save()
    before = Rendered(datetime.date(2025, 5, 31))

    with at(datetime.date(2025, 6, 1)):  # one import of each kind: changed and created rows
        batches = [
            _import(
                "indicator-values",
                "Indikator;Feld;Jahr;Wert\nBULK-1;;2025;60\nBULK-1;FB;2025;6\n",
                cast.staff,
            ),
            _import(
                "actors",
                "Name;Art;Ort;Felder\nAlt GmbH;Unternehmen;Jena;FA,FB\n"
                "Neu AG;Unternehmen;Erfurt;FB\n",
                cast.staff,
            ),
            _import(
                "activities",
                "Kennung;Art;Titel;Beginn;Felder;Fördersumme\n"
                "BULK-A;Studie;Importierte Massenstudie;01.03.2025;FB;1000\n",
                cast.staff,
            ),
        ]
    imported = Rendered(datetime.date(2025, 12, 31))
    assert before.values("BULK-1") == {"": "50"}
    assert imported.values("BULK-1") == {"": "60", "FB": "6"}
    assert (before.actors(), imported.actors()) == ({"FA": "1", "FB": "0"}, {"FA": "1", "FB": "2"})
    assert "Importierte Massenstudie" in imported.html

    with at(datetime.date(2026, 2, 1)):
        for batch in batches:
            import_batch_rollback(batch=batch, user=cast.staff)
    rolled_back = Rendered(datetime.date(2026, 3, 1))
    assert rolled_back.values("BULK-1") == {"": "50"}
    assert rolled_back.actors() == {"FA": "1", "FB": "0"}
    assert "Importierte Massenstudie" not in rolled_back.html
    assert Decimal(indicator.values.get(field=None).value) == 50
    # The report as of the import's year is unchanged by the later rollback.
    again = Rendered(datetime.date(2025, 12, 31))
    assert (again.html, again.csv) == (imported.html, imported.csv)


def test_moving_a_measure_records_the_new_order_of_all_measures(cast):
    with at(datetime.date(2025, 3, 1)):
        roadmap = RoadmapFactory(network__theme__field=cast.field_a, title="Roadmap Reihenfolge")
        action_field = ActionFieldFactory(roadmap=roadmap, title="Handlungsfeld")
        # Gaps in the numbering, as archiving measures leaves them.
        for order, title in ((5, "Maßnahme X"), (6, "Maßnahme Y"), (7, "Maßnahme Z")):
            MeasureFactory(action_field=action_field, title=title, order=order)
    with at(datetime.date(2025, 4, 1)):
        measure_move(measure=action_field.measures.get(title="Maßnahme Y"), direction="down")
    with at(datetime.date(2025, 5, 1)):
        roadmap.status = Roadmap.Status.PUBLISHED
        roadmap.save()

    html = Rendered(datetime.date(2025, 12, 31)).html
    positions = [html.index(f"Maßnahme {name}</a>") for name in "XZY"]
    assert positions == sorted(positions), "the report lists the measures as the portal does"
    assert [m.title for m in action_field.measures.live()] == [
        "Maßnahme X",
        "Maßnahme Z",
        "Maßnahme Y",
    ]
