"""A few recently used values kept in the web process, for things that never change under their key.

Pages that every reader with the same key sees the same keep their shared parts here as well as in the cache:
the opinion map (the newest computed map, named by the forum's map version, and the parts of one computed map),
the city goal page's cards and the goal page's parts (named by the content version and everything else they are
built from). A page view then neither asks the cache for them nor unpickles a hundred kilobytes of HTML, and after
a write their keys are no longer asked for.

Only values that are the same for every reader go here: who may see them is still decided per request.
"""

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


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
            kept = key in self._items
            if kept:
                self._items.move_to_end(key)
                value = self._items[key]
        if not kept:
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
