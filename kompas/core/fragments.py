"""Cached HTML fragments for pages whose data is expensive to gather and render.

The key names the fragment and everything it depends on (a content version, the query, the language, the
viewer's permission flags); the builder runs only on a miss. A fragment never holds anything that differs
between two viewers with the same key.

A miss is built by one request at a time (``cached``): right after a write, every reader of a popular page misses
the same new key at once, and eight workers rebuilding the same 100 ms fragment side by side on two cores would
each take most of a second. The first takes a short build lock in the cache; the others wait for its result,
asking the cache again with a growing pause, and build it themselves only if the builder failed or is slower
than ``WAIT_SECONDS``.
"""

import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TIMEOUT = 60 * 60
WAIT_SECONDS = 2.0  # at most this long for another request's build, then build it here
_LOCK_SECONDS = 30  # a build lock left by a process that died expires by itself
T = TypeVar("T")


def cached(key: str, build: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """The value cached under ``key``; on a miss ``build()`` (a value other than None, pickled), run by one
    request at a time across all processes while the others wait for it."""
    value: T | None = cache.get(key)
    if value is None:
        value = _build_once(key, build, timeout)
    return value


def _build_once(key: str, build: Callable[[], T], timeout: int) -> T:
    lock = key + ":building"
    if not cache.add(lock, 1, _LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        pause = 0.005
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            found: T | None = cache.get(key)
            if found is not None:
                return found
            if cache.get(lock) is None:  # the builder failed: build it here
                break
        return _build(key, build, timeout)
    try:
        return _build(key, build, timeout)
    finally:
        cache.delete(lock)


def _build(key: str, build: Callable[[], T], timeout: int) -> T:
    value = build()
    cache.set(key, value, timeout)
    return value


def cached_html(
    *, name: str, parts: tuple[Any, ...], build: Callable[[], str], timeout: int = TIMEOUT
) -> str:
    raw = "|".join(str(p) for p in (name, get_language(), *parts))
    key = "kompas:fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    return mark_safe(cached(key, build, timeout))  # noqa: S308 - our own rendered template output
