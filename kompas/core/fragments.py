"""Cached HTML fragments for pages whose data is expensive to gather and render.

The key names the fragment and everything it depends on (a content version, the query, the language, the
viewer's permission flags); the builder runs only on a miss. A fragment never holds anything that differs
between two viewers with the same key.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TIMEOUT = 60 * 60


def cached_html(
    *, name: str, parts: tuple[Any, ...], build: Callable[[], str], timeout: int = TIMEOUT
) -> str:
    raw = "|".join(str(p) for p in (name, get_language(), *parts))
    key = "kompas:fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    html: str | None = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, timeout)
    return mark_safe(html)  # noqa: S308 - our own rendered template output
