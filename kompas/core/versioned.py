"""Small reads kept per process for one content version (kompas/core/versions.py).

A fresh render of a signed-in page (ADR 0025) often starts with one small query whose answer only a write can
change: a wave with ready results, a draft's head. Every writing service bumps the content version (and the
admin's log entries do), so what was read under a version holds for as long as that version is current. Kept in
the process under the version, it saves the query (about half a millisecond of CPU) on every later render; the
first render under a new version reads again.

* Read the version *before* the data (``content_version``), as for any cached thing.
* Keep only plain values that are the same for every reader: who may see them is still decided per request by
  the owning app's predicates.
* ``content_source`` is a page cache source (``cache_reader_page(content_source)``) that keeps the version it
  read on the request, so the view does not ask the cache for it a second time.
"""

import copy
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from . import versions

T = TypeVar("T")
CONTENT = "content"
MAX_ENTRIES = 512  # a version rarely lives long enough to hold more
_ATTRIBUTE = "_kompas_content_version"
# {(version, key): value}: a value is only ever found under the version it was read under, whatever the order
# in which requests of several versions finish.
_kept: dict[tuple[int, Hashable], Any] = {}
_latest: list[int | None] = [None]
_lock = threading.Lock()


def content_source(request: object) -> str:
    """The default page cache source (the content version), kept on the request for ``content_version``."""
    version = versions.current(CONTENT)
    setattr(request, _ATTRIBUTE, version)
    return str(version)


def content_version(request: object) -> int:
    """The content version the page cache's source read for this request, or read now."""
    version = getattr(request, _ATTRIBUTE, None)
    return version if version is not None else versions.current(CONTENT)


def kept(version: int, key: Hashable, read: Callable[[], T]) -> T:
    """What ``read()`` returns, read once per process under ``version`` (the content version, read before).

    A shallow copy is handed out, so a caller that changes what it got changes nothing another request gets."""
    full = (version, key)
    try:
        value: T = _kept[full]
    except KeyError:
        value = read()
        with _lock:
            # A new version: what was kept under the others is never asked for again.
            if _latest[0] != version:
                _latest[0] = version
                for old in [k for k in _kept if k[0] != version]:
                    del _kept[old]
            while len(_kept) >= MAX_ENTRIES:
                del _kept[next(iter(_kept))]
            _kept[full] = value
    return copy.copy(value)


def forget() -> None:
    """Forget everything kept (for tests that change data behind the services' back)."""
    with _lock:
        _kept.clear()
        _latest[0] = None
