"""Whole-page caching for anonymous visitors of public pages.

A page for an anonymous visitor holds nothing personal: no name, no CSRF token, no flash message. The key
names the page, the host, the language, the address with its query and what the data is built from (by
default the content version, which every writing service bumps: ``kompas.core.versions``), so a new
publication or a change shows at once. Signed-in users always get a freshly rendered page around cached
fragments (see ``fragments.py``).

What is never cached:

* a request from a signed-in user, one with a flash message, an htmx request, one whose session holds anything
  (an anonymous session can carry state a page shows), anything but GET;
* a response that sets a cookie, that used the CSRF token (a form that posts: the token belongs to one
  browser), that changed the session, that says ``private`` / ``no-store`` / ``no-cache``, or whose status is
  not 200 or 404.

The response says ``X-Kompas-Page-Cache: hit``, ``miss`` (rendered and stored) or ``skip`` (rendered, not
stored); a page is only ever stored when it would be the same for every anonymous visitor.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from . import versions

if TYPE_CHECKING:
    from django.http import HttpRequest

TIMEOUT = 60 * 60
HEADER = "X-Kompas-Page-Cache"
_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def content_source(request: object) -> str:
    """The default source: the content version."""
    return str(versions.current("content"))


def _has_session_data(request: "HttpRequest") -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and bool(session.keys())


def _cacheable(request: "HttpRequest") -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not getattr(request, "htmx", False)
        and not len(get_messages(request))
        and not _has_session_data(request)
    )


def _storable(request: "HttpRequest", response: HttpResponse) -> bool:
    if response.status_code not in (200, 404) or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token: it is this browser's
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in _UNCACHEABLE_DIRECTIVES)


def cache_anonymous_page(
    source: Callable[[object], str] = content_source,
    *,
    when: Callable[[object], bool] | None = None,
    timeout: int = TIMEOUT,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Cache the whole response for anonymous visitors.

    ``source(request)`` names what the page is built from (the content version unless given); it is read before
    the view runs. ``when(request)`` may narrow the requests that are cached at all (e.g. no free-text query).
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: "HttpRequest", *args: Any, **kwargs: Any) -> Any:  # what the view returns
            if not _cacheable(request) or (when is not None and not when(request)):
                return view(request, *args, **kwargs)
            raw = "\0".join(
                [
                    view.__module__,
                    view.__qualname__,
                    request.get_host(),
                    get_language() or "",
                    request.get_full_path(),
                    source(request),
                ]
            )
            key = "kompas:page:" + hashlib.sha256(raw.encode()).hexdigest()
            cached = cache.get(key)
            if cached is not None:
                status, content_type, body = cached
                response = HttpResponse(body, status=status, content_type=content_type)
                response[HEADER] = "hit"
            else:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                    response.render()
                if _storable(request, response):
                    cache.set(
                        key, (response.status_code, response["Content-Type"], response.content), timeout
                    )
                    response[HEADER] = "miss"
                else:
                    response[HEADER] = "skip"
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator
