"""While the database is away (a restart, a failover), answer 503 with Retry-After instead of 500.

Nothing was saved, so the client may retry: votes and other writes carry idempotency keys, and a retry with the
same key is harmless. Broken connections are closed so the next request opens a fresh one.
"""

import contextlib
from typing import TYPE_CHECKING

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

if TYPE_CHECKING:
    from django.http import HttpRequest

RETRY_AFTER_SECONDS = 5


def is_database_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def close_broken_connections() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):  # it is broken already; closing is best effort
            connection.close()


def unavailable_response(request: "HttpRequest") -> HttpResponse:
    close_broken_connections()
    if request.path.startswith("/api/"):
        from .api_errors import error_response  # the API's one error shape (it imports this module)

        response: HttpResponse = error_response(503)
    else:
        response = HttpResponse(loader.get_template("core/unavailable.html").render({}, None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
