"""Full-text search for every module: PostgreSQL's ``danish`` configuration, a working fallback elsewhere.

:func:`matching` narrows a queryset to the rows that match a query and annotates each with ``rank`` (higher
is better); the caller orders by it. The choice is made per query from ``connection.vendor``:

- PostgreSQL: a ``websearch`` ``SearchQuery`` in the ``danish`` configuration against either a stored,
  GIN-indexed ``SearchVectorField`` (``vector="search_vector"``, kept up to date with :func:`search_vector`)
  or a document built on the fly from the weighted fields; ranked with ``SearchRank``.
- Any other database (SQLite in development and tests): each lightly stemmed term of the query
  (``searchterms.py``) must occur in one of the fields; the rank adds the field's weight for every term that
  occurs in it (A=3, B=2, C and D=1).

The query runs as part of the caller's queryset: no extra queries, however much data there is.
"""

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Expression
from django.utils.safestring import SafeString, mark_safe

from .searchterms import MAX_TERMS, Part, query_terms, snippet, stem

if TYPE_CHECKING:
    from django.db.models import Model
    from django.db.models.expressions import Combinable
    from django.db.models.sql import Query

_M = TypeVar("_M", bound="Model")

__all__ = [
    "MAX_TERMS",
    "TEXT_SEARCH_CONFIG",
    "Part",
    "marked",
    "matching",
    "prefix_tsquery",
    "query_terms",
    "search_vector",
    "snippet",
    "stem",
    "uses_postgres_search",
    "visibility_only",
    "within",
]

TEXT_SEARCH_CONFIG = "danish"
# Points per occurring term in the fallback rank, by PostgreSQL weight letter.
FALLBACK_POINTS = {"A": 3, "B": 2, "C": 1, "D": 1}

# A field to search and its weight: ("title", "A"), ("summary", "B"), …
WeightedField = tuple[str, str]


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def search_vector(fields: Sequence[WeightedField]) -> "SearchVector | Combinable":
    """The ``danish`` document of the weighted fields, to store in a ``SearchVectorField`` or match on the fly."""
    vectors = [SearchVector(name, weight=weight, config=TEXT_SEARCH_CONFIG) for name, weight in fields]
    document: SearchVector | Combinable = vectors[0]  # combined: a CombinedSearchVector
    for vector in vectors[1:]:
        document = document + vector
    return document


def marked(parts: Sequence[Part]) -> SafeString:
    """A snippet's parts as HTML, each escaped and the hits in ``<mark>``: one string for the page instead of a
    template loop over the parts of every hit (a fifth of a results page's rendering)."""
    return mark_safe(  # noqa: S308  # every part is escaped
        "".join(f"<mark>{html.escape(p.text)}</mark>" if p.hit else html.escape(p.text) for p in parts)
    )


def visibility_only(qs: QuerySet[_M]) -> QuerySet[_M]:
    """A selector's queryset with its filters only: without the list annotations (counts, latest-of
    subqueries), the ordering, ``select_related`` and prefetches it adds for its page.

    A list selector's ``Count(...)`` joins and groups every related row; kept inside an ``IN (…)`` it made
    PostgreSQL hash-join half a million vote rows to find two forums. Annotations a filter uses stay (a filter
    holds its own copy of the expression); a queryset that filters on an aggregate, is grouped by ``values()``,
    sliced or combined is returned as it is.
    """
    query = qs.query
    if (
        query.where.contains_aggregate
        or isinstance(query.group_by, tuple)
        or query.is_sliced
        or query.combinator
        or query.distinct_fields
    ):
        return qs
    plain = qs.all()
    query = plain.query
    query.annotations = {}
    query.set_annotation_mask(None)
    query.group_by = None
    query.clear_ordering(force=True)
    query.select_related = False
    plain._prefetch_related_lookups = ()  # type: ignore[attr-defined]  # not in django-stubs
    _drop_unused_joins(query)
    return plain


def _drop_unused_joins(query: "Query") -> None:
    """Leave out of the SQL the joins that only the dropped annotations used (a join with no references is not
    compiled): keep the base table, every table a filter reads and the joins that lead to them."""
    needed = {query.base_table} if query.alias_map else set()
    for col in query._gen_cols([query.where], include_external=True):  # type: ignore[attr-defined]  # not in django-stubs
        alias = getattr(col, "alias", None)
        while alias is not None and alias not in needed:
            needed.add(alias)
            alias = getattr(query.alias_map.get(alias), "parent_alias", None)
    for alias in query.alias_map:
        if alias not in needed:
            query.alias_refcount[alias] = 0


def within(qs: QuerySet[_M], *related: str) -> QuerySet[_M]:
    """The rows of a selector's queryset as a plain queryset of its model, one SQL statement: the selector's
    visibility rules without its list annotations (:func:`visibility_only`). A filter without joins is used as
    it is (so the planner sees the text-search condition and the visibility filter on one table); otherwise as
    ``pk IN (…)``, so joins to many-valued relations cannot repeat a row."""
    plain = visibility_only(qs)
    query = plain.query
    tables = [alias for alias in query.alias_map if query.alias_refcount[alias]]
    if len(tables) > 1 or query.distinct:
        plain = qs.model._default_manager.filter(pk__in=plain.values("pk"))
    return plain.select_related(*related) if related else plain


_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\w+)')


def prefix_tsquery(query: str) -> str | None:
    """The query as ``to_tsquery`` text in which every word is also a prefix: "læse" is ``læse:*``, which the
    ``danish`` configuration stems to ``'læs':*`` and so finds "læser", "læsning" and "læseklub".

    The syntax is the one users know from ``websearch_to_tsquery``: words are all required, ``or`` between two
    words makes either enough, ``-word`` excludes (exactly, not as a prefix), ``"two words"`` is a phrase.
    Only runs of letters and digits reach the text, so nothing a user types is read as tsquery syntax. ``None``
    for a query without words."""
    parts: list[str] = []
    either = False
    for match in _QUERY_TOKEN.finditer(query):
        phrase_not, phrase, word_not, word = match.groups()
        if word is not None and word.lower() == "or" and not word_not:
            either = bool(parts)
            continue
        if phrase is not None:
            words = re.findall(r"\w+", phrase)[:MAX_TERMS]
            if not words:
                continue
            part = "(" + " <-> ".join(words) + ")"
            part = f"!{part}" if phrase_not else part
        else:
            part = f"!{word}" if word_not else f"{word}:*"
        if parts:
            parts.append("|" if either else "&")
        parts.append(part)
        either = False
        if len(parts) >= 2 * MAX_TERMS - 1:
            break
    return " ".join(parts) or None


class _StoredMatch(Expression):
    """A stored document (a ``SearchVectorField``) against a ``to_tsquery`` text in the ``danish``
    configuration: ``vector @@ query`` to filter, or with ``rank`` its ``ts_rank``. The same SQL as
    ``SearchQuery`` and ``SearchRank`` make, built without their general machinery (a lookup, wrapped values,
    the configuration as an expression of its own), which cost a tenth of a millisecond per module searched."""

    def __init__(self, vector: str, raw: str, *, rank: bool = False) -> None:
        super().__init__(output_field=FloatField() if rank else BooleanField())
        self.vector: Any = F(vector)
        self.raw = raw
        self.rank = rank

    @property
    def conditional(self) -> bool:  # a filter; a rank is not
        return not self.rank

    def get_source_expressions(self) -> list[Any]:
        return [self.vector]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.vector,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.vector)
        query = "to_tsquery(%s::regconfig, %s)"
        template = f"ts_rank({sql}, {query})" if self.rank else f"{sql} @@ ({query})"
        return template, (*params, TEXT_SEARCH_CONFIG, self.raw)


def _no_rows(qs: QuerySet[_M]) -> QuerySet[_M]:
    """No rows, with the ``rank`` the caller orders by (a query of only stop words or signs, e.g. "og", "!")."""
    # annotate() on a queryset of a type variable is Any to django-stubs
    return cast("QuerySet[_M]", qs.annotate(rank=Value(0, output_field=IntegerField())).none())


def matching(
    qs: QuerySet[_M], query: str, *, fields: Sequence[WeightedField], vector: str | None = None
) -> QuerySet[_M]:
    """The rows of ``qs`` that match ``query``, annotated with ``rank``; none for a query without words.

    ``fields`` are searched (and weighted) on every database; on PostgreSQL ``vector`` names a stored document
    of the same fields to use instead of building it per row.
    """
    query = (query or "").strip()
    if not fields:
        raise ValueError("matching() needs at least one field")
    if uses_postgres_search():
        if not query:
            return _no_rows(qs)
        raw = prefix_tsquery(query)
        if raw is None:
            return _no_rows(qs)
        if vector is not None:
            found = qs.filter(_StoredMatch(vector, raw)).annotate(rank=_StoredMatch(vector, raw, rank=True))
            return cast("QuerySet[_M]", found)
        search = SearchQuery(raw, config=TEXT_SEARCH_CONFIG, search_type="raw")
        qs = qs.annotate(search_document=search_vector(fields))
        return cast(
            "QuerySet[_M]",
            qs.filter(search_document=search).annotate(rank=SearchRank(F("search_document"), search)),
        )
    terms = query_terms(query)
    if not terms:
        return _no_rows(qs)
    rank: Combinable = Value(0, output_field=IntegerField())
    for term in terms:
        found = Q()
        for name, weight in fields:
            found |= Q(**{f"{name}__icontains": term})
            rank = rank + Case(
                When(**{f"{name}__icontains": term}, then=Value(FALLBACK_POINTS[weight])),
                default=Value(0),
                output_field=IntegerField(),
            )
        qs = qs.filter(found)
    return cast("QuerySet[_M]", qs.annotate(rank=rank))
