"""Content versions: cheap, consistent keys for cached pages and fragments.

A version is a counter per kind of content (``"content"`` for everything a writing service changes; a few
narrower keys such as ``"dialogues"`` for writes that only some pages show). Cached pages and fragments carry
the version in their key, so a change is visible at once in every web process.

The counter lives in the default cache, which every web process shares in production (Redis or the database
cache; ``kompas.core.checks`` refuses a process-local cache there), so reading it costs no SQL query when Redis
is in use. It never goes back to a value a cached page was stored under:

* ``bump`` advances it at once *and* again when the writing transaction commits. A page rendered between the
  two (possibly from the data before the commit) is stored under a version nobody asks for after the commit.
* A missing counter (evicted, or the cache flushed) starts again at a random 62-bit value, so the keys of
  pages cached before cannot come back.
"""

import secrets
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction

if TYPE_CHECKING:
    from django.db.models import Model

_PREFIX = "kompas:version:"


def _fresh() -> int:
    return secrets.randbits(62) + 1


def _advance(key: str) -> None:
    name = _PREFIX + key
    try:
        cache.incr(name)
    except ValueError:  # no counter yet: start one (or step the one another process started meanwhile)
        if not cache.add(name, _fresh(), None):
            cache.incr(name)


def bump(key: str) -> None:
    """Call in the writing service (inside its transaction, or after the write when there is none)."""
    _advance(key)
    transaction.on_commit(lambda: _advance(key), robust=True)


def current(key: str) -> int:
    """The version to put in a cache key; read it *before* reading the data the cached thing is built from."""
    name = _PREFIX + key
    value = cache.get(name)
    if value is None:
        cache.add(name, _fresh(), None)
        value = cache.get(name)
    return int(value or 0)


def current_with(key: str, *names: str) -> tuple[int, dict[str, Any]]:
    """The version of ``key`` and the cache entries ``names`` in one round trip (an entry stored with the
    version it was built from is current when the two agree)."""
    found = cache.get_many([entry(key), *names])
    return found_or_current(key, found), found


def entry(key: str) -> str:
    """The cache entry that holds ``key``'s version, for a caller that reads it with other entries in one round
    trip; ``found_or_current`` then gives the version."""
    return _PREFIX + key


def found_or_current(key: str, found: dict[str, Any]) -> int:
    """The version of ``key`` from entries read together (``entry``; taken out of ``found``), else ``current``."""
    value = found.pop(_PREFIX + key, None)
    return int(value) if value is not None else current(key)


def current_many(*keys: str) -> tuple[int, ...]:
    """Several versions in one cache round trip."""
    names = [_PREFIX + key for key in keys]
    values = cache.get_many(names)
    if len(values) < len(names):
        return tuple(current(key) for key in keys)
    return tuple(int(values[name]) for name in names)


def _content_changed(sender: object, **kwargs: object) -> None:
    bump("content")


def bump_on_change(*models: "type[Model]") -> None:
    """Bump the content version whenever a row of these models is saved or deleted, whatever path wrote it
    (a service, the Django admin, an import, the shell). For data that decides what a reader may see or what
    many pages show, and that is written outside the audited services."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        uid = f"kompas.core.versions.{model._meta.label}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
