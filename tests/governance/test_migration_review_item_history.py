"""Migration 0013 gives every review item that existed before it a creation record in the new
history, dated at its round's creation, so that a report's Stichtag counts old rounds right.

The test writes rounds and items, migrates the governance app back to 0012 (which drops the
item history), forwards again, and reads what the back-fill wrote.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from fields.models import Need
from governance.models import ReviewItem, ReviewRound
from tests.factories import NeedFactory
from tests.governance.factories import ReviewRoundFactory

BEFORE = ("governance", "0012_event_attendance_and_self_cancel")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def _migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def restores_the_schema(transactional_db):
    yield
    # Later tests need the whole schema again, whatever this test did or where it failed.
    _migrate_to_latest()


def test_the_back_fill_dates_every_existing_item_at_its_rounds_creation(restores_the_schema):
    needs = NeedFactory.create_batch(3)
    dated = ReviewRoundFactory(needs=needs[:2])
    undated = ReviewRoundFactory(needs=needs[2:])
    created = timezone.make_aware(datetime.datetime(2024, 3, 5, 10, 0))
    dated.history.update(history_date=created)
    undated.history.all().delete()  # a round without history: its items are dated now
    items = {item.pk: item for item in ReviewItem.objects.all()}

    _migrate(BEFORE)
    before_forward = timezone.now()
    _migrate_to_latest()

    records = list(ReviewItem.history.order_by("id"))
    assert [record.id for record in records] == sorted(items)
    for record in records:
        item = items[record.id]
        assert record.history_type == "+"
        assert (record.round_id, record.need_id, record.order) == (
            item.round_id,
            item.need_id,
            item.order,
        )
        if item.round_id == dated.pk:
            assert record.history_date == created
        else:
            assert record.history_date >= before_forward
    # As of a Stichtag between the two creations, only the dated round's items existed.
    as_of = created + datetime.timedelta(days=1)
    assert ReviewItem.history.as_of(as_of).count() == 2
    assert ReviewRound.objects.count() == 2 and Need.objects.count() == 3
