"""Every view declares who may see it.

A view is wrapped with ``access(rule, label=...)``; ``rule`` is a ``rules`` predicate taking the user (or
``None`` for a public page). Anonymous users are sent to the login page, signed-in users who fail the rule
get 403. The label is what the authorization matrix and the system check ``kompas.E003`` read.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase


class Rule(Protocol):
    """A ``rules`` predicate, as ``access`` asks it."""

    def test(self, *args: Any) -> bool: ...


class AccessView(Protocol):
    """A view wrapped by ``access``: its ``kompas_access`` label is what the matrix and ``kompas.E003`` read."""

    kompas_access: str

    def __call__(self, request: HttpRequest, /, *args: Any, **kwargs: Any) -> HttpResponseBase: ...


def access(
    rule: Rule | None = None, *, label: str
) -> Callable[[Callable[..., HttpResponseBase]], AccessView]:
    def decorator(view: Callable[..., HttpResponseBase]) -> AccessView:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if rule is not None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not rule.test(request.user):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        labelled = cast(AccessView, wrapped)
        labelled.kompas_access = label
        return labelled

    return decorator


public = access(None, label="public")
