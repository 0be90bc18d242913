"""Whole-page caching for anonymous visitors of public pages.

A page for an anonymous visitor holds nothing personal: no name, no CSRF token, no flash message (a request
that carries one is not cached). The key names the page, the language and what the data is built from, so a
new publication or a change shows at once. Signed-in users always get a freshly rendered page around cached
fragments (see ``fragments.py``).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

TIMEOUT = 60 * 60


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(get_messages(request))
        and not getattr(request, "htmx", False)
    )


def cache_anonymous_page(source: Callable[[object], str]):
    """Cache the whole response for anonymous visitors; ``source(request)`` names what the page is built from."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            raw = "|".join(
                [view.__module__, view.__name__, get_language(), request.get_full_path(), source(request)]
            )
            key = "kompas:page:" + hashlib.sha256(raw.encode()).hexdigest()
            cached = cache.get(key)
            if cached is not None:
                status, content_type, body = cached
                response = HttpResponse(body, status=status, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code in (200, 404) and not response.streaming and not response.cookies:
                    if hasattr(response, "render") and callable(response.render):
                        response.render()
                    cache.set(
                        key, (response.status_code, response["Content-Type"], response.content), TIMEOUT
                    )
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapped

    return decorator
