"""Reads of Vidensbanken: who sees what, and full-text search.

Search runs on PostgreSQL with the ``danish`` text-search configuration over the stored, GIN-indexed
``search_vector`` (ranked with ``SearchRank``); on any other database it falls back to matching each
lightly stemmed term in the title, summary and text (``terms.py``), ranked by where the terms occur. The
choice is made per query from ``connection.vendor``. The number of queries does not depend on the data.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from kompas.core.models import PublicationStatus

from .choices import Audience
from .models import PATH_FIELDS, LibraryItem
from .permissions import can_manage_library, can_read_staff_items
from .terms import query_terms

TEXT_SEARCH_CONFIG = "danish"


@dataclass(frozen=True)
class LibraryFilters:
    query: str = ""
    kind: str = ""
    path: str = ""
    city_goal: int | None = None
    department: int | None = None


def items_visible_to(user) -> QuerySet[LibraryItem]:
    qs = LibraryItem.objects.all()
    if not can_manage_library.test(user):
        qs = qs.filter(publication_status=PublicationStatus.PUBLISHED)
    if not can_read_staff_items.test(user):
        qs = qs.filter(audience=Audience.PUBLIC)
    return qs


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def library_search(*, user, filters: LibraryFilters) -> QuerySet[LibraryItem]:
    """The items this user may see that match the query and filters, best match first."""
    qs = items_visible_to(user).select_related("department").prefetch_related("city_goals")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.path in PATH_FIELDS:
        qs = qs.filter(**{PATH_FIELDS[filters.path]: True})
    if filters.city_goal:
        qs = qs.filter(city_goals__id=filters.city_goal)
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    query = (filters.query or "").strip()
    if not query:
        return qs.order_by("-dated", "-id")
    if uses_postgres_search():
        search = SearchQuery(query, config=TEXT_SEARCH_CONFIG, search_type="websearch")
        return (
            qs.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-dated", "-id")
        )
    terms = query_terms(query)
    if not terms:
        return qs.none()
    rank = Value(0, output_field=IntegerField())
    for term in terms:
        qs = qs.filter(Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term))
        rank = (
            rank
            + Case(When(title__icontains=term, then=Value(3)), default=Value(0), output_field=IntegerField())
            + Case(
                When(summary__icontains=term, then=Value(2)), default=Value(0), output_field=IntegerField()
            )
            + Case(When(body__icontains=term, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    return qs.annotate(rank=rank).order_by("-rank", "-dated", "-id")


def item_get_for_user(*, user, pk: int) -> LibraryItem:
    """The one guarded accessor: the same 404 for a missing item and for one the user may not see."""
    item = (
        items_visible_to(user)
        .select_related("department")
        .prefetch_related("city_goals")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item
