"""Prepared statements for the hottest raw SQL (the vote; ADR 0026).

Django sends every statement as text with its values quoted in (client-side binding) and turns psycopg's
automatic preparing off, so PostgreSQL parses and plans each statement anew. For the few statements that run
for every vote that planning costs more of the database's CPU than the work itself. ``cursor()`` gives a cursor
whose statements are sent with bound values and prepared on first use: PostgreSQL plans each once per
connection and then only executes it.

It is a Django cursor like any other (the same error wrapping, query logging and ``execute_wrapper`` hooks, so
the query-count tests see these statements too); on SQLite it is the ordinary cursor. Only for SQL written once
per process: psycopg keeps the prepared statements of a connection by their text. ``PREPARED_STATEMENTS = False``
(``DATABASE_PREPARED_STATEMENTS=0``) turns it off behind a pooler that cannot keep them.
"""

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def cursor(alias: str = DEFAULT_DB_ALIAS) -> Iterator[Any]:
    conn = connections[alias]
    if conn.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        with conn.cursor() as plain:
            yield plain
        return
    conn.close_if_health_check_failed()
    conn.ensure_connection()
    with conn.wrap_database_errors:
        if conn.connection.prepare_threshold is None:  # Django's default: psycopg never prepares ...
            conn.connection.prepare_threshold = _ONLY_WHEN_ASKED  # ... now only the statements asked to be
        raw = _prepared_cursor_class()(conn.connection)
    # As Django's own cursor() does: debug logging, the thread check, the execute_wrapper hooks.
    wrapped = conn._prepare_cursor(raw)  # type: ignore[attr-defined]
    with wrapped:
        yield wrapped


# Django's cursors bind values on the client and are never prepared; server-binding cursors are prepared
# automatically after this many runs of the same statement, so in effect never, unless asked (``prepare=True``).
_ONLY_WHEN_ASKED = 2**31


@functools.cache
def _prepared_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    class PreparedCursor(ServerBindingCursor):  # type: ignore[misc]
        """Bound values, and every statement prepared on its first run on the connection."""

        def execute(
            self, query: Any, params: Any = None, *, prepare: bool | None = None, **kwargs: Any
        ) -> Any:
            return super().execute(query, params, prepare=True if prepare is None else prepare, **kwargs)

        def _send_query_prepared(self, name: Any, pgq: Any, **kwargs: Any) -> None:
            # psycopg keeps the statement it sent (``_query``, which Django's query log reads) only when it sends
            # it unprepared; keep it for a prepared one too, so the log and the tests see its SQL.
            self._query = pgq
            super()._send_query_prepared(name, pgq, **kwargs)

    return PreparedCursor
