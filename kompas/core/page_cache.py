"""Whole-page caching: for anonymous visitors of public pages, and each signed-in reader's own copy.

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

A signed-in reader's page (``cache_reader_page``, ADR 0025) is stored for that reader alone: its key holds the
user, the user's roles stamp and name, the browser's CSRF cookie (the page's forms carry a token made from it),
the day, and the content and personal versions. Every audited write bumps the content version; what changes a
reader's page without an audit entry (notifications, a submitted survey answer) bumps the personal version.
Never cached for a reader: htmx requests, requests with a flash message or without a CSRF cookie, and a
browser's forced reload (``Cache-Control: no-cache``), which renders afresh and stores the new copy. Such a page
is sent as ``Cache-Control: private`` so that no shared cache keeps it.
"""

import contextlib
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from . import versions

if TYPE_CHECKING:
    from django.http import HttpRequest

TIMEOUT = 60 * 60
READER_TIMEOUT = 10 * 60
PERSONAL = "personal"  # the version of what a reader sees of their own that records no audit entry
HEADER = "X-Kompas-Page-Cache"
_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def content_source(request: object) -> str:
    """The default source: the content version."""
    return str(request_version(request, "content"))


_VERSIONS = "_kompas_page_versions"
# The versions every reader's page reads first. A signed-in request reads them in the cache round trip that
# reads the user's row (``kompas.accounts.user_cache``), which hands them to the request (``read_with_user``).
READER_VERSIONS = ("content", PERSONAL)
_READ_WITH_USER = "_kompas_versions_read"


def read_with_user(user: object, found: dict[str, Any]) -> None:
    """Keep on ``user``, just made from the cache, the reader versions read with its row: ``found`` holds the
    entries (``versions.entry``) the cache had. Only the request that made the user takes them
    (``_known``), and only a request that reads: one that writes reads them afresh."""
    read = {key: int(found[entry]) for key in READER_VERSIONS if (entry := versions.entry(key)) in found}
    setattr(user, _READ_WITH_USER, read)


def _known(request: object) -> dict[str, int]:
    """The versions this request has read. At first those read with the signed-in user's row, taken off the
    user, so no later use of it can take them."""
    known: dict[str, int] | None = getattr(request, _VERSIONS, None)
    if known is None:
        known = {}
        user = getattr(request, "user", None)
        read: dict[str, int] | None = getattr(user, _READ_WITH_USER, None)
        if read is not None:
            delattr(user, _READ_WITH_USER)
            if getattr(request, "method", None) in ("GET", "HEAD"):
                known.update(read)
        with contextlib.suppress(AttributeError):  # an object that takes no attributes reads again next time
            setattr(request, _VERSIONS, known)
    return known


def request_version(request: object, key: str) -> int:
    """The version ``key`` as this request read it, or read now. A signed-in request reads the content and the
    personal version with the user's row (``read_with_user``), a reader's page any others before the view runs
    (``cache_reader_page``); the page's source finds the content version here instead of asking the cache
    again."""
    known = _known(request)
    return known[key] if key in known else versions.current(key)


def request_versions(request: object, *keys: str) -> tuple[int, ...]:
    """The versions ``keys`` as this request read them; those it has not read yet are read now, in one cache
    round trip, and kept for the rest of the request. A page's source that needs versions of its own names them
    to ``cache_reader_page`` (``also``), which reads them with the content and personal versions."""
    known = _known(request)
    missing = tuple(dict.fromkeys(key for key in keys if key not in known))  # each once: see current_many
    if missing:
        known.update(zip(missing, versions.current_many(*missing), strict=True))
    return tuple(known[key] for key in keys)


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


def _storable(request: "HttpRequest", response: HttpResponse, *, reader: bool = False) -> bool:
    if response.status_code not in (200, 404) or response.streaming or response.cookies:
        return False
    # An anonymous page holding a CSRF token is this browser's; a reader's page is keyed on the browser's cookie.
    if not reader and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in _UNCACHEABLE_DIRECTIVES)


def _key(view: Callable[..., Any], request: "HttpRequest", *parts: str) -> str:
    raw = "\0".join(
        [
            view.__module__,
            view.__qualname__,
            request.get_host(),
            get_language() or "",
            request.get_full_path(),
            *parts,
        ]
    )
    return "kompas:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _serve(
    view: Callable[..., Any],
    request: "HttpRequest",
    args: Any,
    kwargs: Any,
    *,
    key: str,
    timeout: int,
    reader: bool,
    fresh: bool = False,
) -> Any:
    """The stored response under ``key``, or the view's, stored when it may be."""
    cached = None if fresh else cache.get(key)
    if cached is not None:
        status, content_type, body = cached
        response = HttpResponse(body, status=status, content_type=content_type)
        response[HEADER] = "hit"
        return response
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
        response.render()
    if _storable(request, response, reader=reader):
        cache.set(key, (response.status_code, response["Content-Type"], response.content), timeout)
        response[HEADER] = "miss"
    else:
        response[HEADER] = "skip"
    return response


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
            key = _key(view, request, source(request))
            response = _serve(view, request, args, kwargs, key=key, timeout=timeout, reader=False)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator


def _forced_reload(request: "HttpRequest") -> bool:
    control = request.META.get("HTTP_CACHE_CONTROL", "").lower()
    return "no-cache" in control or "no-cache" in request.META.get("HTTP_PRAGMA", "").lower()


def _reader_cacheable(request: "HttpRequest") -> bool:
    return (
        request.method == "GET"
        and request.user.is_authenticated
        and not getattr(request, "htmx", False)
        and settings.CSRF_COOKIE_NAME in request.COOKIES
        and not len(get_messages(request))
    )


def _reader(request: "HttpRequest") -> str:
    """Who the page is for, as far as it can differ: the user, their roles and name, and this browser's CSRF
    cookie (hashed into the key, never stored)."""
    user = request.user
    return "\0".join(
        [
            str(user.pk),
            str(getattr(user, "roles_version", "")),
            str(getattr(user, "is_staff", "")),
            str(getattr(user, "is_superuser", "")),
            user.get_full_name() if hasattr(user, "get_full_name") else "",
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        ]
    )


def cache_reader_page(
    source: Callable[[object], str] = content_source,
    *,
    when: Callable[[object], bool] | None = None,
    timeout: int = READER_TIMEOUT,
    also: Callable[[Any], tuple[str, ...]] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Keep each signed-in reader's own copy of the page, until anything it may show changes.

    ``source(request)`` names what the page is built from (the content version unless given); the personal
    version and the day are always added. ``also(request)`` names other versions the source reads (through
    ``request_versions``): they are read in the same cache round trip as the content and personal versions.
    Only for views whose GET changes nothing and whose page depends on nothing but the address, the reader and
    what the versions cover. Stack it with ``cache_anonymous_page`` for pages that anonymous visitors see too:
    each decorator leaves the other's requests alone.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: "HttpRequest", *args: Any, **kwargs: Any) -> Any:  # what the view returns
            if not _reader_cacheable(request) or (when is not None and not when(request)):
                return view(request, *args, **kwargs)
            request_versions(request, *READER_VERSIONS, *(also(request) if also else ()))  # one round trip
            parts = (
                "reader",
                source(request),
                str(request_version(request, PERSONAL)),
                timezone.localdate().isoformat(),
                _reader(request),
            )
            response = _serve(
                view,
                request,
                args,
                kwargs,
                key=_key(view, request, *parts),
                timeout=timeout,
                reader=True,
                fresh=_forced_reload(request),
            )
            patch_vary_headers(response, ("Cookie",))
            patch_cache_control(response, private=True)
            return response

        return wrapped

    return decorator


def personal_changed() -> None:
    """Call where something a reader sees of their own changes without an audit entry."""
    versions.bump(PERSONAL)
