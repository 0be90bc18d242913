"""One way the API answers a list: ``{"count": …, "next_offset": …, "items": [...]}``.

Every list operation takes ``limit`` (1–200, 50 when not given) and ``offset`` (0 or more) as query parameters
(``paging: Query[PageParams]``), declares ``Page[ItemOut]`` (or a subclass that adds context, such as the
snapshot's publication time) and returns :func:`page` of the rows its selector gives. ``next_offset`` is the
offset of the next page, ``null`` on the last one.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 2**31 - 1

Item = TypeVar("Item")


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items, at most.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class Page(Schema, Generic[Item]):
    count: int = Field(description="How many items there are in all.")
    next_offset: int | None = Field(description="The offset of the next page; null on the last page.")
    items: list[Item]


def page(
    rows: QuerySet[Any] | Sequence[Any],
    paging: PageParams,
    serialize: Callable[[Any], Any] | None = None,
    **context: Any,
) -> dict[str, Any]:
    """The page of ``rows`` that ``paging`` asks for, each row through ``serialize``; ``context`` is added to the
    envelope as it is (for a ``Page`` subclass with more fields)."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    window: Iterable[Any] = rows[paging.offset : paging.offset + paging.limit]
    items = [serialize(row) for row in window] if serialize else list(window)
    end = paging.offset + len(items)
    return {"count": count, "next_offset": end if end < count else None, "items": items, **context}
