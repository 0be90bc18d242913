"""What a test of a form page reads from the HTML, and a service that refuses (ADR 0020).

The goals, trials and dialogues tests use these to check that a service's ``ValidationError`` is shown beside
its field, or in the summary at the top, with what the user typed kept."""

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError


def field_error(body: str, field: str) -> str:
    """The error shown beside the form field ``field`` (core/forms/field.html), or "" for none."""
    match = re.search(rf'id="id_{field}-error"><span class="sr-only">[^<]*</span>([^<]*)</span>', body)
    return match.group(1) if match else ""


def error_summary(body: str) -> str:
    """The list of errors at the top of the page (core/forms/form.html)."""
    return body[body.index('data-module="error-summary"') : body.index("</ul>", body.index("error-summary"))]


def refusing(field: str, message: str) -> Callable[..., Any]:
    """A stand-in for a service that refuses any call with ``message`` on ``field``."""

    def service(**kwargs: Any) -> Any:
        raise ValidationError({field: [ValidationError(message, code="invalid")]})

    return service
