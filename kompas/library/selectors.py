"""Reads of Vidensbanken: who sees what, and full-text search.

Search is the platform's full-text search (``kompas/core/textsearch.py``): on PostgreSQL the ``danish``
configuration over the stored, GIN-indexed ``search_vector`` (ranked with ``SearchRank``); on any other
database each lightly stemmed term must occur in the title, summary or text, ranked by where the terms occur.
The number of queries does not depend on the data.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet, Window
from django.http import Http404

from kompas.citygoals.models import CityGoal
from kompas.core.models import PublicationStatus
from kompas.core.textsearch import matching

from .choices import Audience
from .models import PATH_FIELDS, LibraryItem
from .permissions import can_manage_library, can_read_staff_items

# The weighted fields of the search document; ``search_vector`` stores them on PostgreSQL.
if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

SEARCH_FIELDS = (("title", "A"), ("summary", "B"), ("body", "C"))


@dataclass(frozen=True)
class LibraryFilters:
    query: str = ""
    kind: str = ""
    path: str = ""
    city_goal: int | None = None
    department: int | None = None


def items_visible_to(user: "User | AnonymousUser") -> QuerySet[LibraryItem]:
    qs = LibraryItem.objects.all()
    if not can_manage_library.test(user):
        qs = qs.filter(publication_status=PublicationStatus.PUBLISHED)
    if not can_read_staff_items.test(user):
        qs = qs.filter(audience=Audience.PUBLIC)
    return qs


def audience_of(user: "User | AnonymousUser") -> tuple[bool, bool]:
    """What decides which items ``items_visible_to`` gives a user: two users with the same audience see the
    same items (a search of theirs can be shared)."""
    return can_manage_library.test(user), can_read_staff_items.test(user)


def library_search(*, user: "User | AnonymousUser", filters: LibraryFilters) -> QuerySet[LibraryItem]:
    """The items this user may see that match the query and filters, best match first."""
    # Of the rows only what the pages read: not the stored document (a long item's is several kilobytes to
    # fetch and convert for nothing), of the city goals their titles and slugs.
    qs = (
        items_visible_to(user)
        .select_related("department")
        .defer("search_vector", "department__description")
        .prefetch_related(Prefetch("city_goals", queryset=CityGoal.objects.only("slug", "title")))
    )
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
    return matching(qs, query, fields=SEARCH_FIELDS, vector="search_vector").order_by(
        "-rank", "-dated", "-id"
    )


def page_of(items: QuerySet[LibraryItem], number: str | None, size: int) -> "Page[LibraryItem]":
    """Page ``number`` of ``items`` (the paginator's page for anything else than a page number), with the
    number of all the items read in the same query (``COUNT(*) OVER ()``): a search ranks every matching row
    for its order anyway, so a second ``COUNT`` query would find and read them all again."""
    paginator = Paginator(items, size)
    try:
        wanted = int(str(number))
    except ValueError:
        wanted = 1
    if wanted < 1:
        return paginator.get_page(number)
    start = (wanted - 1) * size
    rows = list(items.annotate(found=Window(Count("pk")))[start : start + size])
    if rows or wanted == 1:
        paginator.count = rows[0].found if rows else 0  # a cached_property: set here, read by the page
        return Page(rows, wanted, paginator)
    return paginator.get_page(wanted)  # past the last page: the paginator counts and shows the last one


def item_get_for_user(*, user: "User | AnonymousUser", pk: int) -> LibraryItem:
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
