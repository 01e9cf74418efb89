"""The flush after a transactional test (tests/conftest.py: DELETE on PostgreSQL) leaves every
table empty, as Django's TRUNCATE does: the next test must not see this one's rows."""

from django.core.management import call_command
from django.db import connection


def test_the_flush_after_a_transactional_test_empties_every_table(transactional_db, cast):
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            assert cursor.fetchone()[0] == 0, table
