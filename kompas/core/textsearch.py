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

from collections.abc import Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from .searchterms import MAX_TERMS, Part, query_terms, snippet, stem

__all__ = [
    "MAX_TERMS",
    "TEXT_SEARCH_CONFIG",
    "Part",
    "matching",
    "query_terms",
    "search_vector",
    "snippet",
    "stem",
    "uses_postgres_search",
    "within",
]

TEXT_SEARCH_CONFIG = "danish"
# Points per occurring term in the fallback rank, by PostgreSQL weight letter.
FALLBACK_POINTS = {"A": 3, "B": 2, "C": 1, "D": 1}

# A field to search and its weight: ("title", "A"), ("summary", "B"), …
WeightedField = tuple[str, str]


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def search_vector(fields: Sequence[WeightedField]) -> SearchVector:
    """The ``danish`` document of the weighted fields, to store in a ``SearchVectorField`` or match on the fly."""
    vectors = [SearchVector(name, weight=weight, config=TEXT_SEARCH_CONFIG) for name, weight in fields]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return document


def within(qs: QuerySet, *related: str) -> QuerySet:
    """The rows of a selector's queryset as a plain queryset of its model (``pk IN (…)``, one SQL statement):
    the selector's visibility rules without its list annotations. Counts joined per row would otherwise make
    PostgreSQL build the text-search document once per joined row."""
    return qs.model._default_manager.filter(pk__in=qs.values("pk")).select_related(*related)


def matching(
    qs: QuerySet, query: str, *, fields: Sequence[WeightedField], vector: str | None = None
) -> QuerySet:
    """The rows of ``qs`` that match ``query``, annotated with ``rank``; none for a query without words.

    ``fields`` are searched (and weighted) on every database; on PostgreSQL ``vector`` names a stored document
    of the same fields to use instead of building it per row.
    """
    query = (query or "").strip()
    if not fields:
        raise ValueError("matching() needs at least one field")
    if uses_postgres_search():
        if not query:
            return qs.none()
        search = SearchQuery(query, config=TEXT_SEARCH_CONFIG, search_type="websearch")
        if vector is None:
            qs = qs.annotate(search_document=search_vector(fields))
            vector = "search_document"
        return qs.filter(**{vector: search}).annotate(rank=SearchRank(F(vector), search))
    terms = query_terms(query)
    if not terms:
        return qs.none()
    rank = Value(0, output_field=IntegerField())
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
    return qs.annotate(rank=rank)
