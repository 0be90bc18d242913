"""A value made into a key that is equal for two values only if a template renders them alike.

Used to keep a rendered fragment under the data it was rendered from (``welcome``: a reader's own front-page
panels). Equality alone is not enough for that: ``"a" == SafeString("a")`` and ``1 == True == 1.0``, yet a
template escapes the one and not the other, and prints ``1``, ``True`` and ``1.0``. So each plain value goes into
the key with its type, and only values whose whole content is in the value itself are accepted: numbers, texts,
dates and times, and tuples, lists, dicts and frozen dataclasses of them. Anything else (a model instance, whose
template may read related rows from the database; an object of unknown kind) raises ``NotFrozen``, and the
caller renders as before. A lazy translation is accepted as the text it gives in the current language (the
caller's key holds the language).
"""

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise


class NotFrozen(TypeError):
    """The value holds something whose rendering may depend on more than the value itself."""


# Types whose equal values print alike: kept as (type, value), without a call per value. Not floats and decimals:
# 0.0 == -0.0 and Decimal("1.0") == Decimal("1.00"), but each prints as it is written (kept by their text).
_PLAIN = frozenset({str, int, bool, type(None)})
_TIMES = (dt.datetime, dt.date, dt.time)
MAX_ITEMS = 2_000  # a panel's data is small; a larger value is rendered, not kept


def freeze(value: Any) -> tuple[Any, ...]:
    """The key of ``value`` (raises ``NotFrozen``)."""
    key: tuple[Any, ...] = _freeze(value, [MAX_ITEMS])
    return key


def _items(values: Any, budget: list[int]) -> tuple[Any, ...]:
    budget[0] -= len(values)
    if budget[0] < 0:
        raise NotFrozen("too large")
    return tuple([(type(item), item) if type(item) in _PLAIN else _freeze(item, budget) for item in values])


def _freeze(value: Any, budget: list[int]) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)
    if kind is list or kind is tuple or (isinstance(value, tuple) and hasattr(kind, "_fields")):
        return (kind, _items(value, budget))  # a namedtuple's fields are its items
    if kind is dict:
        return (dict, _items(value.keys(), budget), _items(value.values(), budget))
    if kind is float or kind is Decimal:
        return (kind, repr(value))
    if isinstance(value, str):  # SafeString and other str subclasses: the type says how it is escaped
        return (kind, str(value))
    if isinstance(value, _TIMES):
        # isoformat holds the offset: two equal instants in different zones print differently
        return (kind, value.isoformat(), str(getattr(value, "tzinfo", None)))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and kind.__dataclass_params__.frozen:
        return (kind, _items([getattr(value, f.name) for f in dataclasses.fields(value)], budget))
    if isinstance(value, Promise):  # a lazy translation: the text it gives now, of the type it gives
        return _freeze(str(value), budget)
    raise NotFrozen(kind.__name__)
