"""One way the API answers an error.

Every error from ``/api/`` is JSON with the proper status::

    {"detail": "<a human message, Danish by default>", "code": "<machine code>", "errors": [...]}

``errors`` is there only for a validation error (422): one ``{"loc": [...], "msg": "...", "type": "..."}`` per
refused value. The routers raise :class:`ApiError` (or ninja's own ``HttpError``, ``Http404``); the exception
handlers that :func:`install` registers on the NinjaAPI turn every one of them into this shape, and
:func:`json_answers` does the same for what ninja answers outside an operation (an unknown path, a method the
path does not take). Each operation declares the statuses it can answer with :func:`answers`, so the schema
says what a client may get, and schemathesis holds us to it (``kompas/api/tests/test_schemathesis.py``).
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, Protocol

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.errors import HttpError, Throttled, ValidationError

from .outage import unavailable_response


class _HandlerRegistry(Protocol):
    """The part of ``ninja.NinjaAPI`` that ``install`` uses."""

    def add_exception_handler(
        self, exc_class: type[Exception], handler: Callable[[HttpRequest, Any], HttpResponse]
    ) -> None: ...


# status → (machine code, the message when nothing more precise is said)
STATUSES = {
    400: ("bad_request", _("The request could not be understood.")),
    401: ("not_authenticated", _("Log in, or send a valid personal token (Authorization: Bearer …).")),
    403: ("forbidden", _("You do not have access to this.")),
    404: ("not_found", _("Not found.")),
    405: ("method_not_allowed", _("This address does not take that method.")),
    409: ("conflict", _("The request conflicts with what is already there.")),
    413: ("too_large", _("The request is too large.")),
    422: ("invalid", _("Some values in the request are not valid.")),
    429: ("rate_limited", _("Too many requests. Try again later.")),
    500: ("server_error", _("Something went wrong on our side. Try again later.")),
    503: ("unavailable", _("The service is briefly unavailable. Retry with the same key.")),
}


class ErrorItemOut(Schema):
    loc: list[str | int] = Field(description="Where the refused value is: the source, then the field path.")
    msg: str
    type: str


class ErrorOut(Schema):
    """Every error the API answers."""

    detail: str = Field(description="A message for people, in the request's language (Danish by default).")
    code: str = Field(
        description="A machine code: " + ", ".join(code for code, _message in STATUSES.values()) + ", or a "
        "more precise one the operation describes (e.g. join_first, key_reused)."
    )
    errors: list[ErrorItemOut] = Field(
        default_factory=list, description="Only for a validation error (422): each refused value."
    )


class ApiError(HttpError):
    """An error answer: ``raise ApiError(404)`` or ``raise ApiError(409, _("…"), code="join_first")``."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        code: str | None = None,
        headers: dict[str, Any] | None = None,
    ) -> None:
        default_code, default_detail = STATUSES[status]
        self.code = code or default_code
        self.detail = str(detail or default_detail)
        self.headers = headers or {}
        super().__init__(status, self.detail)


def too_many(detail: str, retry_after: int) -> ApiError:
    """A 429 that says when to try again (``Retry-After``, whole seconds, at least 1)."""
    return ApiError(429, detail, headers={"Retry-After": str(max(1, int(retry_after)))})


def answers(ok: Any, *errors: int) -> dict[int, Any]:
    """An operation's ``response=``: ``ok`` for 200 and :class:`ErrorOut` for each error status it answers.

    503 is always there: any operation answers it while the database is away (``core/outage.py``).
    """
    unknown = set(errors) - set(STATUSES)
    if unknown:
        raise ValueError(f"No error code for status {sorted(unknown)}")
    return {200: ok, **dict.fromkeys(sorted({*errors, 503}), ErrorOut)}


def error_body(
    status: int, detail: str | None = None, *, code: str | None = None, errors: list[Any] | None = None
) -> dict[str, Any]:
    default_code, default_detail = STATUSES[status]
    body: dict[str, Any] = {"detail": str(detail or default_detail), "code": code or default_code}
    if errors:
        body["errors"] = errors
    return body


def error_response(
    status: int,
    detail: str | None = None,
    *,
    code: str | None = None,
    errors: list[Any] | None = None,
    headers: dict[str, Any] | None = None,
) -> JsonResponse:
    response = JsonResponse(
        error_body(status, detail, code=code, errors=errors),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_errors(raw: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "invalid")),
        }
        for error in raw
    ]


def _on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status_code, exc.detail, code=exc.code, headers=exc.headers)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own errors (401 from authentication, 403 from the CSRF check, 429 from a throttle) carry English
    # texts; the status says enough, so the answer carries our message for it.
    status = exc.status_code if exc.status_code in STATUSES else 400
    headers = {}
    if isinstance(exc, Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
    return error_response(status, headers=headers)


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(422, errors=_validation_errors(exc.errors))


def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404)


def _on_database_outage(request: HttpRequest, exc: Exception) -> HttpResponse:
    return unavailable_response(request)


def install(api: _HandlerRegistry) -> None:
    """Register the handlers on the NinjaAPI: once, in ``kompas/api/urls.py``."""
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(OperationalError, _on_database_outage)
    api.add_exception_handler(InterfaceError, _on_database_outage)


def unknown_path(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """Any path under /api/ that no operation has."""
    return error_response(404)


def method_not_allowed(allowed: Iterable[str]) -> HttpResponse:
    methods = ", ".join(sorted(allowed))
    return error_response(405, headers={"Allow": methods})


def json_answers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a URL pattern's view of the API so what ninja answers outside an operation is in our shape too:
    its plain-text 405 for a method the path does not take, and a 404 raised before any operation runs."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(404)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return method_not_allowed(m.strip() for m in response.get("Allow", "").split(",") if m.strip())
        return response

    return wrapper
