"""The prepared-statement cursor of the vote path (ADR 0026): the same answers as Django's cursor, the same query
hooks, and on PostgreSQL the statement planned once per connection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompas.core import prepared

pytestmark = pytest.mark.django_db

SQL = "SELECT %s + 1"


def _run(value: int) -> int:
    with prepared.cursor() as cursor:
        cursor.execute(SQL, [value])
        return cursor.fetchone()[0]


def test_answers_as_the_ordinary_cursor_and_is_seen_by_the_query_hooks():
    seen: list[str] = []

    def hook(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(hook):
        assert _run(41) == 42
        assert _run(1) == 2
    assert seen == [SQL, SQL]
    assert len(captured.captured_queries) == 2
    # the query log holds each statement's SQL, prepared or not (PostgreSQL's placeholders are $1, SQLite's ?)
    assert all("SELECT" in (query["sql"] or "") for query in captured.captured_queries)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_statement_is_prepared_once_and_reused():
    for value in range(3):
        assert _run(value) == value + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement = %s",
            [SQL.replace("%s", "$1")],
        )
        rows = cursor.fetchall()
    assert len(rows) == 1  # one prepared statement, run three times
    assert rows[0][0] == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_django_cursors_stay_unprepared():
    _run(1)  # turns preparing on for the connection, for the statements that ask
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute("SELECT 7 + %s", [1])
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["SELECT 7 +%"])
        assert cursor.fetchone()[0] == 0


def test_turned_off_it_is_the_ordinary_cursor(settings):
    settings.PREPARED_STATEMENTS = False
    with prepared.cursor() as cursor:
        assert cursor.cursor.__class__.__name__ != "PreparedCursor"
        cursor.execute(SQL, [2])
        assert cursor.fetchone()[0] == 3
