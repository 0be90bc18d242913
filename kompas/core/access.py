"""Every view declares who may see it.

A view is wrapped with ``access(rule, label=...)``; ``rule`` is a ``rules`` predicate taking the user (or
``None`` for a public page). Anonymous users are sent to the login page, signed-in users who fail the rule
get 403. The label is what the authorization matrix and the system check ``kompas.E003`` read.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def access(rule=None, *, label: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if rule is not None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not rule.test(request.user):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.kompas_access = label
        return wrapped

    return decorator


public = access(None, label="public")
