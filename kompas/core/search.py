"""The site search. Apps register a provider in ``AppConfig.ready``; each one searches its own module.

A provider's ``search(user, query, limit)`` returns at most ``limit`` hits, best first, and applies its
app's own visibility rules through the app's selectors: it never returns what the user may not see. It runs
a fixed number of queries, however much data there is. ``rule`` (a ``rules`` predicate on the user, or
``None`` for everyone) decides whether the provider is asked at all. ``see_all(user, query)`` gives the
address of the module's own search or filtered list for the query, or ``None`` where there is none.
Full-text matching itself is :mod:`kompas.core.textsearch`; the stored documents, and the second pass by title
likeness when nothing matched anywhere (a typo), are :mod:`kompas.core.search_index`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import search_index
from .textsearch import Part, query_terms, snippet

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser

MAX_QUERY = 200
SNIPPET_WIDTH = 200


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet: str  # plain text; the page cuts it around the first matching word
    kind_label: Any  # a (lazy) translation naming what the hit is: "Goal", "Application", …
    date: dt.date | dt.datetime | None = None


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: Any  # a lazy translation: the module's name
    order: int
    search: Callable[[Any, str, int], list[SearchHit]]
    rule: Any = None
    see_all: Callable[[Any, str], str | None] | None = None


@dataclass(frozen=True)
class ShownHit:
    hit: SearchHit
    parts: list[Part]


@dataclass
class SearchGroup:
    provider: SearchProvider
    hits: list[ShownHit]
    more: bool  # there are more hits than shown
    see_all_url: str | None = None
    similar: bool = False  # hits whose titles are like the query (nothing matched it anywhere)
    count: int = field(init=False)

    def __post_init__(self) -> None:
        self.count = len(self.hits)


_providers: list[SearchProvider] = []


def register(provider: SearchProvider) -> None:
    if all(existing.key != provider.key for existing in _providers):
        _providers.append(provider)


def providers() -> list[SearchProvider]:
    return sorted(_providers, key=lambda p: p.order)


def providers_for(user: "_AnyUser | None") -> list[SearchProvider]:
    """The providers this user may search."""
    return [p for p in providers() if p.rule is None or (user is not None and p.rule.test(user))]


def clean_query(raw: str | None) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY]


def search_all(user: "_AnyUser | None", query: str, *, limit: int = 5) -> list[SearchGroup]:
    """One group per module with hits, in the modules' order; each with up to ``limit`` hits."""
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return []
    groups = _groups(user, query, terms, limit)
    if not groups and search_index.enabled():
        # Nothing anywhere: perhaps a typo. Ask again for the titles most like the query (pg_trgm).
        with search_index.titles_like():
            groups = _groups(user, query, terms, limit, similar=True)
    return groups


def _groups(
    user: "_AnyUser | None", query: str, terms: list[str], limit: int, *, similar: bool = False
) -> list[SearchGroup]:
    groups = []
    for provider in providers_for(user):
        hits = provider.search(user, query, limit + 1)
        if not hits:
            continue
        shown = [ShownHit(hit, snippet(hit.snippet, terms, width=SNIPPET_WIDTH)) for hit in hits[:limit]]
        url = provider.see_all(user, query) if provider.see_all is not None and not similar else None
        groups.append(SearchGroup(provider, shown, more=len(hits) > limit, see_all_url=url, similar=similar))
    return groups
