"""The site search. Apps register a provider in ``AppConfig.ready``; each one searches its own module.

A provider's ``search(user, query, limit)`` returns at most ``limit`` hits, best first, and applies its
app's own visibility rules through the app's selectors: it never returns what the user may not see. It runs
a fixed number of queries, however much data there is. ``rule`` (a ``rules`` predicate on the user, or
``None`` for everyone) decides whether the provider is asked at all. ``see_all(user, query)`` gives the
address of the module's own search or filtered list for the query, or ``None`` where there is none.
Full-text matching itself is :mod:`kompas.core.textsearch`; the stored documents, and the second pass by title
likeness when nothing matched anywhere (a typo), are :mod:`kompas.core.search_index`.

A module declares its part once, in its ``search.py``: :func:`module_search` with its ``SearchSource`` (fields
and the app's own ``visible(user)``), how its rows read as hits (:class:`Hits`, one per audience where staff and
the public see different pages), its rule and its list to see all (:func:`list_search`); the app's config
names the module, whose ``register()`` files the source and the provider.

A module whose readers fall into a few audiences also gives its ``scope``: the app's own key of what decides
what a user finds there (staff or not, the library's audience), or ``None`` where it is the user's own
(invitations, drafts). A module's hits for a query are then kept per scope on the content version (which
every writing service bumps) and shared by the readers of that scope; the modules without one are searched
afresh. :func:`shared` keeps a part of a module the same way (the funded projects, public beside a person's
own applications). Visibility stays the app's: core only keys on the scope it is given.
"""

import datetime as dt
import hashlib
import html
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.functional import LazyObject, empty
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import (  # type: ignore[attr-defined]  # template_localtime: not in django-stubs
    get_current_timezone_name,
    template_localtime,
)
from django.utils.translation import get_language, gettext, ngettext

from . import search_index, versions
from .textsearch import Part, marked, query_terms, snippet, within

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser

_T = TypeVar("_T")

MAX_QUERY = 200
SNIPPET_WIDTH = 200
# How long a module's hits for one query are kept for the readers of one scope (on the content version).
SHARED_SECONDS = 10 * 60


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
    # The owning app's audience of a user: any two users with the same scope (not None) find exactly the same
    # hits, so a module's hits for a query are kept (on the content version) and shared by them; None: what
    # this user finds is their own (invitations, their own drafts), searched afresh every time.
    scope: Callable[[Any], Hashable | None] | None = None


@dataclass(frozen=True)
class ShownHit:
    """A hit as the page shows it: ``html`` is its list item, put together here once (escaped, the snippet's
    hits in ``<mark>``) rather than by template lookups per hit, a tenth of a staff search's time."""

    hit: SearchHit
    parts: list[Part]
    day: str | None = None  # the hit's date as shown; by default in the current language and time zone
    html: SafeString = field(init=False)

    def __post_init__(self) -> None:
        hit = self.hit
        day = self.day if self.day is not None else short_date(hit.date) if hit.date else ""
        date = f" · {day}" if day else ""
        snippet_html = f'<p class="mt-0">{marked(self.parts)}</p>' if self.parts else ""
        # What format_html would make, without its per-argument checks: none of the values is markup (the
        # snippet is escaped by marked()), so each is escaped as it is.
        item = (
            f'<li class="mb-5"><h3 class="h4 mb-1"><a href="{_escape(hit.url)}">{_escape(hit.title)}</a></h3>'
            f'<p class="mt-0 mb-1"><small>{_escape(hit.kind_label)}{_escape(date)}</small></p>{snippet_html}</li>'
        )
        object.__setattr__(self, "html", mark_safe(item))  # noqa: S308  # every value is escaped


def _escape(value: Any) -> str:
    """As Django's ``escape`` does (``html.escape`` of the text), for values that are not markup."""
    return html.escape(str(value))


def short_date(value: dt.date | dt.datetime) -> str:
    """The date (of a time: in the current time zone) in the language's short date format."""
    return _short_date(value, get_language(), get_current_timezone_name())


@lru_cache(maxsize=4096)
def _short_date(value: dt.date | dt.datetime, language: str | None, zone: str) -> str:
    # Converting and formatting is a tenth of a millisecond per hit; the same rows are found again and again.
    return formats.date_format(template_localtime(value), "SHORT_DATE_FORMAT")


@dataclass
class SearchGroup:
    provider: SearchProvider
    hits: list[ShownHit]
    more: bool  # there are more hits than shown
    see_all_url: str | None = None
    similar: bool = False  # hits whose titles are like the query (nothing matched it anywhere)
    # The module's hits as kept for the readers of a scope (the same object for each of them in this process):
    # the group's markup is then kept beside them (``_markup``). None: the hits are this reader's own.
    kept: tuple[ShownHit, ...] | None = None
    count: int = field(init=False)

    def __post_init__(self) -> None:
        self.count = len(self.hits)

    # The group's counts as the page words them: "3 hits", "more than 10 hits" in the list of modules, "the
    # first 10 hits" by its heading. Translated here rather than by two {% blocktranslate count %} per group.
    @property
    def found_label(self) -> str:
        n = self.count
        if self.more:
            return ngettext("more than %(counter)s hit", "more than %(counter)s hits", n) % {"counter": n}
        return ngettext("%(counter)s hit", "%(counter)s hits", n) % {"counter": n}

    @property
    def shown_label(self) -> str:
        n = self.count
        if self.more:
            return ngettext("the first %(counter)s hit", "the first %(counter)s hits", n) % {"counter": n}
        return ngettext("%(counter)s hit", "%(counter)s hits", n) % {"counter": n}

    # The group's entry in the list of modules and its section, put together here once rather than by template
    # lookups per hit and per label (a loop of sixty hits was a fifth of a staff search's time).
    @property
    def nav_html(self) -> SafeString:
        return self._nav_html() if self.kept is None else _markup(self, self.kept)[0]

    @property
    def section_html(self) -> SafeString:
        return self._section_html() if self.kept is None else _markup(self, self.kept)[1]

    def _nav_html(self) -> SafeString:
        key, label = _escape(self.provider.key), _escape(self.provider.label)
        return mark_safe(f'<li><a href="#search-{key}">{label}</a> ({_escape(self.found_label)})</li>')  # noqa: S308  # escaped

    def _section_html(self) -> SafeString:
        key, label = _escape(self.provider.key), _escape(self.provider.label)
        see_all = ""
        if self.see_all_url:
            text = gettext("See all in %(module)s") % {"module": label}
            see_all = f'<p><a href="{_escape(self.see_all_url)}" class="function-link">{text}</a></p>'
        items = "".join(shown.html for shown in self.hits)
        shown = _escape(self.shown_label)
        return mark_safe(  # noqa: S308  # every value is escaped, each hit by ShownHit
            f'<section class="mt-7" aria-labelledby="search-{key}">\n'
            f'<h2 id="search-{key}" class="h3">{label} <span class="weight-normal">({shown})</span></h2>\n'
            f'<ul class="nobullet-list">{items}</ul>\n{see_all}\n</section>'
        )


class SearchGroups(list[SearchGroup]):
    """The page's groups, in the modules' order; ``nav_html`` and ``sections_html`` are every group's entry
    and section one after another (what loops over the groups in the template made, without their lookups)."""

    @property
    def nav_html(self) -> SafeString:
        return mark_safe("".join(group.nav_html for group in self))  # noqa: S308  # each escaped by its group

    @property
    def sections_html(self) -> SafeString:
        return mark_safe("".join(group.section_html for group in self))  # noqa: S308  # each escaped by its group


# The markup of the groups whose hits are kept for a scope, beside those hits: the same hits (the same object,
# held here so that its id is not another's) with the same count, link and language make the same markup.
_markups: "OrderedDict[tuple[Any, ...], tuple[tuple[ShownHit, ...], SafeString, SafeString]]" = OrderedDict()


def _markup(group: SearchGroup, kept: tuple[ShownHit, ...]) -> tuple[SafeString, SafeString]:
    key = (group.provider.key, id(kept), group.more, group.see_all_url, group.similar, get_language())
    entry = _markups.get(key)
    if entry is not None and entry[0] is kept:
        return entry[1], entry[2]
    nav, section = group._nav_html(), group._section_html()
    _markups[key] = (kept, nav, section)
    while len(_markups) > LOCAL_ENTRIES:
        try:
            _markups.popitem(last=False)
        except KeyError:  # emptied by another thread meanwhile
            break
    return nav, section


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


def search_all(user: "_AnyUser | None", query: str, *, limit: int = 5) -> SearchGroups:
    """One group per module with hits, in the modules' order; each with up to ``limit`` hits."""
    query = clean_query(query)
    terms = query_terms(query)
    if not terms:
        return SearchGroups()
    user = _unwrapped(user)
    groups = _groups(user, query, terms, limit)
    if not groups and search_index.enabled():
        # Nothing anywhere: perhaps a typo. Ask again for the titles most like the query (pg_trgm).
        with search_index.titles_like():
            groups = _groups(user, query, terms, limit, similar=True)
    return groups


def _unwrapped(user: Any) -> Any:
    """The user itself rather than the request's lazy stand-in for it (``request.user``): every provider asks
    the user's roles a few times, and each attribute read through the stand-in costs a call more."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:  # type: ignore[attr-defined]  # LazyObject's own attribute
            user._setup()  # type: ignore[attr-defined]
        return user._wrapped  # type: ignore[attr-defined]
    return user


def _groups(
    user: "_AnyUser | None", query: str, terms: list[str], limit: int, *, similar: bool = False
) -> SearchGroups:
    """The groups of the modules with hits. A module whose app gives the user a shared scope is read from the
    hits kept for that scope (one cache round trip for all of them); the others are searched."""
    asked = providers_for(user)
    language, zone = get_language(), get_current_timezone_name()
    # The content version, read once for the whole search: the modules' keys and the parts they share.
    token = _version.set(versions.current("content"))
    try:
        keys = _shared_keys(asked, user, query, limit, similar, language, zone)
        kept = _kept_many(list(keys.values())) if keys else {}
        new: dict[str, tuple[tuple[ShownHit, ...], bool]] = {}
        groups = SearchGroups()
        for provider in asked:
            key = keys.get(provider.key)
            found = kept.get(key) if key is not None else None
            if found is None:
                found = _found(provider, user, query, terms, limit, language, zone)
                if key is not None:
                    new[key] = found
            shown, more = found
            if not shown:
                continue
            url = provider.see_all(user, query) if provider.see_all is not None and not similar else None
            groups.append(
                SearchGroup(
                    provider,
                    list(shown),
                    more=more,
                    see_all_url=url,
                    similar=similar,
                    kept=shown if key is not None else None,
                )
            )
        if new:
            _keep_many(new)
        return groups
    finally:
        _version.reset(token)


# The content version a search read when it began (None outside one): every key of the search holds it.
_version: ContextVar[int | None] = ContextVar("search_content_version", default=None)


def _content_version() -> int:
    version = _version.get()
    return version if version is not None else versions.current("content")


def _found(
    provider: SearchProvider,
    user: "_AnyUser | None",
    query: str,
    terms: list[str],
    limit: int,
    language: str | None,
    zone: str,
) -> tuple[tuple[ShownHit, ...], bool]:
    """A module's first ``limit`` hits as shown, and whether it has more."""
    hits = provider.search(user, query, limit + 1)
    words = tuple(terms)
    shown = tuple(_shown(hit, words, language, zone) for hit in hits[:limit])
    return shown, len(hits) > limit


@lru_cache(maxsize=2048)
def _shown(hit: SearchHit, terms: tuple[str, ...], language: str | None, zone: str) -> ShownHit:
    # A hit as shown depends on nothing else: the hits a reader finds afresh are mostly those found before (the
    # providers keep the rows they share), and cutting the snippet and escaping it was a twentieth of the page.
    return ShownHit(
        hit,
        snippet(hit.snippet, list(terms), width=SNIPPET_WIDTH),
        _short_date(hit.date, language, zone) if hit.date else "",
    )


def _shared_keys(
    asked: list[SearchProvider],
    user: "_AnyUser | None",
    query: str,
    limit: int,
    similar: bool,
    language: str | None,
    zone: str,
) -> dict[str, str]:
    """The cache key of each module's hits for the readers of the user's scope: the scope its app gives,
    everything else the hits depend on (the query, the content version, the language and time zone they are
    worded in, the URL prefix they link under) and nothing else."""
    scopes = {p.key: p.scope(user) for p in asked if p.scope is not None}
    scopes = {key: scope for key, scope in scopes.items() if scope is not None}
    if not scopes:
        return {}
    common = (query, limit, similar, language, zone, get_script_prefix(), _content_version())
    return {key: _key(key, scope, common) for key, scope in scopes.items()}


def _key(name: str, scope: Hashable, common: tuple[Any, ...]) -> str:
    return "kompas:search:" + hashlib.sha256(repr((name, scope, *common)).encode()).hexdigest()


def shared(name: str, scope: Hashable, query: str, limit: int, build: Callable[[], _T]) -> _T:
    """What ``build`` finds for the query (at most ``limit`` rows), kept for every reader of ``scope``: for a
    part of a module everyone alike may see, where the rest is the user's own (the funded projects beside a
    person's own applications). Kept as :func:`search_all` keeps a module's hits: on the content version, in
    the language, time zone and URL prefix of the request, apart for the second pass by title likeness."""
    common = (
        query,
        limit,
        search_index.by_title(),
        get_language(),
        get_current_timezone_name(),
        get_script_prefix(),
        _content_version(),
    )
    key = _key(name, scope, common)
    found = _kept_many([key]).get(key)
    if found is None:
        found = build()
        _keep_many({key: found})
    return found


# The shared hits this process read or made last, as they are in the cache: reading them back from there (and
# unpickling some sixty hits) was a tenth of a staff search. Their keys hold the content version, so a change
# is never served from here either; an entry is dropped when its cache entry would have expired.
_local: "OrderedDict[str, tuple[float, Any]]" = OrderedDict()
LOCAL_ENTRIES = 256


def _kept_many(keys: list[str]) -> dict[str, Any]:
    now = time.monotonic()
    found: dict[str, Any] = {}
    for key in keys:
        entry = _local.get(key)
        if entry is not None and entry[0] > now:
            found[key] = entry[1]
    missing = [key for key in keys if key not in found]
    if missing:
        # How long they have left in the shared cache is not known here: kept a tenth of SHARED_SECONDS.
        fetched = cache.get_many(missing)
        for key, value in fetched.items():
            _remember(key, value, now + SHARED_SECONDS / 10)
        found.update(fetched)
    return found


def _keep_many(values: dict[str, Any]) -> None:
    cache.set_many(values, SHARED_SECONDS)
    until = time.monotonic() + SHARED_SECONDS
    for key, value in values.items():
        _remember(key, value, until)


def _remember(key: str, value: Any, until: float) -> None:
    _local.pop(key, None)
    _local[key] = (until, value)  # the newest last
    while len(_local) > LOCAL_ENTRIES:
        try:
            _local.popitem(last=False)
        except KeyError:  # emptied by another thread meanwhile
            break


# --- A module's search, declared once -----------------------------------------------------------------------


# How many rows outside a module's shared part (:class:`Split`) may match before a user's own are searched afresh.
SPLIT_CANDIDATES = 200


@dataclass(frozen=True)
class Split:
    """A module whose hits are a user's own only in part: the rows every reader of one scope sees alike (public
    and staff forums; the proposals sent on), and the rest of what the app's ``visible(user)`` gives (the forums
    a person is invited to; the drafts of their own department).

    ``scope(user)`` is the app's key of the readers who see the same shared part (``None``: the user's search
    is not split, and runs as one query). ``rows(scope)`` narrows ``visible(user)`` to that part: for every
    reader of the scope, ``visible(user).filter(rows(scope))`` must be the same rows. The shared part is found
    once per scope, query and content version; so are the rows outside it that match. Of those, the app's
    ``visible(user)`` says which the user sees (one query of their keys, none when no row is outside). The
    hits are merged in the order one query would give (``Hits.order`` must name fields that sort in Python as
    in the database: dates, numbers).

    ``sees(user, row)``, where the app has one, is its own rule for one row (``can_read_proposal.test``): true
    exactly for the rows outside the shared part that ``visible(user)`` gives. ``reads`` names the fields it
    reads (attribute names: ``department_id``); they are kept with the rows, and the rule then decides on at most
    ``SEES_ROWS`` of them without a query of their keys (only what the rule itself reads, such as the user's
    departments)."""

    scope: Callable[[Any], Hashable | None]
    rows: Callable[[Hashable], Q]
    sees: Callable[[Any, Any], bool] | None = None
    reads: tuple[str, ...] = ()


# How many matching rows an app's rule for one row (``Split.sees``) decides on; more, and one query of their keys
# does. Making a row and asking the rule costs some 10-30 µs, the query about a millisecond.
SEES_ROWS = 32


@dataclass(frozen=True)
class RowFacts:
    """What an app's rule for one row reads of some rows found, kept with them (in the shared cache): the
    database they came from, the fields (the primary key first among them, in the model's order) and each
    row's values. :meth:`row` makes the row again, with every other field deferred (read from the database
    should a rule read one not named)."""

    db: str | None
    names: tuple[str, ...]
    values: dict[Any, tuple[Any, ...]]

    @classmethod
    def of(cls, model: Any, rows: list[Any], reads: tuple[str, ...]) -> "RowFacts":
        wanted = {model._meta.pk.attname, *reads}
        names = tuple(f.attname for f in model._meta.concrete_fields if f.attname in wanted)
        db = rows[0]._state.db if rows else None
        return cls(db, names, {row.pk: tuple(getattr(row, name) for name in names) for row in rows})

    def row(self, model: Any, pk: Any) -> Any:
        return model.from_db(self.db, self.names, self.values[pk])


@dataclass(frozen=True)
class Hits:
    """How the rows a module finds read as hits: the page each links to and what it shows.

    ``url`` is the URL name of a row's page, given the row's ``key`` field under the same name; ``snippet`` and
    ``date`` name a field of the row (or ``snippet`` is a function of the row); ``kind`` is a (lazy) label or a
    function of the row; ``order`` breaks ties of the rank. Only the fields a hit shows are loaded; ``reads`` names the
    fields the functions for ``snippet`` and ``kind`` read (without it, a row brings every field)."""

    url: str
    order: tuple[str, ...]
    kind: Any
    snippet: str | Callable[[Any], str]
    date: str = ""
    key: str = "pk"
    reads: tuple[str, ...] = ()

    def fields(self, title: str) -> tuple[str, ...]:
        """The fields of a row the hit shows; none (every field) where a function reads fields not named."""
        if (callable(self.snippet) or callable(self.kind)) and not self.reads:
            return ()
        named = [self.key, title, self.date, "" if callable(self.snippet) else self.snippet, *self.reads]
        return tuple(dict.fromkeys(name for name in named if name))

    def found(self, source: search_index.SearchSource, user: Any, query: str, limit: int) -> list[SearchHit]:
        rows = source.search(user, query, limit, order=self.order, only=self.fields(source.title))
        link = url_maker(self.url, self.key) if rows else None
        return [self.hit(row, source.title, link) for row in rows]

    def found_split(
        self,
        source: search_index.SearchSource,
        user: Any,
        query: str,
        limit: int,
        split: "Split",
        scope: Hashable,
        name: str,
    ) -> list[SearchHit]:
        """The best ``limit`` hits of what ``source.visible(user)`` lets the user see, exactly as :meth:`found`
        finds them, in two parts (:class:`Split`): the rows every reader of ``scope`` sees, found once for them
        all, and the user's own, decided by the app's ``visible(user)`` among the few rows that could be."""
        part = split.rows(scope)
        named = self.fields(source.title)
        reads = split.reads if split.sees is not None else ()
        only = (
            tuple(dict.fromkeys((*named, *(name.lstrip("-") for name in self.order), *reads)))
            if named
            else ()
        )

        def ranked(rows: list[Any]) -> list[tuple[Any, tuple[Any, ...], SearchHit]]:
            link = url_maker(self.url, self.key) if rows else None
            return [(row.pk, self._sort_key(row), self.hit(row, source.title, link)) for row in rows]

        def build() -> tuple[list[tuple[Any, tuple[Any, ...], SearchHit]], list[Any] | None, RowFacts | None]:
            alike = search_index.find(
                source, source.visible(user).filter(part), query, limit, order=self.order, only=only
            )
            # Every row outside the shared part that matches, whoever may see it: a user's own hits are among
            # them. Too many to list: the user's own are then searched afresh.
            others = search_index.find(
                source,
                source.model._default_manager.exclude(part),
                query,
                SPLIT_CANDIDATES + 1,
                order=self.order,
                only=only,
            )
            if len(others) > SPLIT_CANDIDATES:
                return ranked(alike), None, None
            facts = RowFacts.of(source.model, others, reads) if split.sees is not None else None
            return ranked(alike), ranked(others), facts

        alike, others, facts = shared(f"{name}:split:{self.url}", scope, query, limit, build)
        if others is None:
            rows = search_index.find(
                source, source.visible(user).exclude(part), query, limit, order=self.order, only=only
            )
            own = ranked(rows)
        elif others and split.sees is not None and facts is not None and len(others) <= SEES_ROWS:
            # The app's own rule for one row decides which of them this user sees: no query of their keys.
            sees, model = split.sees, source.model
            own = [entry for entry in others if sees(user, facts.row(model, entry[0]))]
        elif others:
            # The app's own rule decides which of them this user sees: one query of their keys.
            seen = set(
                within(source.visible(user))
                .filter(pk__in=[pk for pk, _k, _h in others])
                .order_by()
                .values_list("pk", flat=True)
            )
            own = [entry for entry in others if entry[0] in seen]
        else:
            own = []
        return [hit for _pk, _key, hit in self._sorted([*alike, *own])[:limit]]

    def _sort_key(self, row: Any) -> tuple[Any, ...]:
        return (row.rank, *(getattr(row, name.lstrip("-")) for name in self.order))

    def _sorted(
        self, entries: list[tuple[Any, tuple[Any, ...], SearchHit]]
    ) -> list[tuple[Any, tuple[Any, ...], SearchHit]]:
        """The entries in the order the database gives them (``-rank``, then ``order``): one stable sort per
        field from the last, NULL above every value as PostgreSQL sorts it."""
        for i, name in reversed(list(enumerate(("-rank", *self.order)))):
            entries = sorted(
                entries,
                key=lambda entry: (entry[1][i] is None, 0 if entry[1][i] is None else entry[1][i]),
                reverse=name.startswith("-"),
            )
        return entries

    def hit(self, row: Any, title: str = "title", link: Callable[[Any], str] | None = None) -> SearchHit:
        key = getattr(row, self.key)
        return SearchHit(
            title=getattr(row, title),
            url=link(key) if link is not None else reverse(self.url, kwargs={self.key: key}),
            snippet=self.snippet(row) if callable(self.snippet) else getattr(row, self.snippet),
            kind_label=self.kind(row) if callable(self.kind) else self.kind,
            date=getattr(row, self.date) if self.date else None,
        )


# A value every path converter (int, slug, str, path) accepts and no URL prefix holds.
_MARKER = "9081726354453627189"


def url_maker(name: str, key: str) -> Callable[[Any], str]:
    """The URL of ``name`` for one value of its argument ``key``: resolved once for all the hits of a module
    (``reverse`` per hit was a tenth of the search's time), the value then quoted as ``reverse`` quotes it."""
    return _url_maker(name, key, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _url_maker(name: str, key: str, prefix: str, urlconf: Any) -> Callable[[Any], str]:
    # Kept per URL prefix and URLconf, the two things besides the name that ``reverse`` reads.
    pattern = reverse(name, kwargs={key: _MARKER})
    if pattern.count(_MARKER) != 1:
        return lambda value: reverse(name, kwargs={key: value})
    before, _marker, after = pattern.partition(_MARKER)
    safe = RFC3986_SUBDELIMS + "/~:@"
    return lambda value: f"{before}{quote(str(value), safe=safe)}{after}"


@lru_cache(maxsize=64)
def _address(name: str, prefix: str, urlconf: Any) -> str:
    return reverse(name)


@dataclass(frozen=True)
class ModuleSearch:
    """A module's stored documents and its provider; ``register()`` files both (the app's ``search.py``)."""

    source: search_index.SearchSource
    provider: SearchProvider
    hits_for: Callable[[Any], Hits] | None = None  # how the rows read as hits for a user (its audience)
    split: Split | None = (
        None  # the part its readers share (tests check its rule for one row against visible)
    )

    def register(self) -> None:
        search_index.register(self.source)
        register(self.provider)


def module_search(
    source: search_index.SearchSource,
    *,
    key: str,
    label: Any,
    order: int,
    hits: Hits | Callable[[Any], Hits],
    rule: Any = None,
    see_all: Callable[[Any, str], str | None] | None = None,
    scope: Callable[[Any], Hashable | None] | None = None,
    split: Split | None = None,
) -> ModuleSearch:
    """One module in the site search: ``source`` finds the rows the user may see (its ``visible``), ``hits``
    (or a function of the user choosing the audience's ``Hits``) makes them hits; ``rule`` decides whether
    the module is asked at all, ``see_all`` gives its own search for the query (:func:`list_search`); ``scope``
    is the app's audience of a user, which shares the hits (``SearchProvider.scope``); ``split`` shares the
    part of the hits that readers without a ``scope`` of their own see alike (:class:`Split`)."""

    def hits_for(user: Any) -> Hits:
        return hits if isinstance(hits, Hits) else hits(user)

    def search(user: Any, query: str, limit: int) -> list[SearchHit]:
        shown = hits_for(user)
        part = split.scope(user) if split is not None else None
        if split is not None and part is not None:
            return shown.found_split(source, user, query, limit, split, part, key)
        return shown.found(source, user, query, limit)

    provider = SearchProvider(
        key=key, label=label, order=order, search=search, rule=rule, see_all=see_all, scope=scope
    )
    return ModuleSearch(source, provider, hits_for, split)


def list_search(url: str, *, rule: Any = None, cut: int | None = 100) -> Callable[[Any, str], str | None]:
    """``see_all``: the module's own list (URL name) searched for the query (``?q=``, cut to ``cut``
    characters, the list's own limit), for the users ``rule`` allows (everyone when ``None``)."""

    def see_all(user: Any, query: str) -> str | None:
        if rule is not None and not rule.test(user):
            return None
        return f"{_address(url, get_script_prefix(), get_urlconf())}?{urlencode({'q': query[:cut]})}"

    return see_all
