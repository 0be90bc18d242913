"""A few recently used values kept in the web process, for things that never change under their key.

The opinion map page reads the same things for every reader of a forum: the newest computed map (named by the
forum's map version, which asking for, computing or failing a map bumps) and the rendered parts of one computed
map (named by the map itself, which never changes). They are shared between processes through the cache; kept in
the process as well, a page view neither asks the cache for them nor unpickles a hundred kilobytes of HTML.

Only values that are the same for every reader go here: who may see them is still decided per request.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MISSING: Any = object()


class Recent(Generic[T]):
    """At most ``size`` values by key, the least recently used forgotten first; thread-safe. ``get`` hands out
    a shallow copy when ``copies`` (a model instance whose deferred fields a caller loads stays as it was kept)."""

    def __init__(self, size: int, *, copies: bool = False) -> None:
        self._size = size
        self._copies = copies
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """The value kept under ``key``, or ``read()``'s, kept from now on."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
        if value is _MISSING:
            value = read()
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return copy.copy(value) if self._copies else value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
