"""Read-only API of Vidensbanken: search over the items open to everyone (no staff-only learnings)."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from ninja import Router, Schema

from . import selectors

router = Router(tags=["Vidensbanken"])
PAGE_SIZE = 50


class LibraryItemOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    body: str
    date: dt.date
    paths: list[str]
    city_goals: list[str]
    department: str | None
    url: str


class LibraryPage(Schema):
    count: int
    page: int
    pages: int
    items: list[LibraryItemOut]


@router.get("/library/items", response=LibraryPage, auth=None, summary="Search the public knowledge library")
def search_library(
    request,
    q: str = "",
    kind: str = "",
    path: str = "",
    city_goal: int | None = None,
    department: int | None = None,
    page: int = 1,
):
    # Always the public view, whoever asks: the open API serves what is open to everyone.
    filters = selectors.LibraryFilters(
        query=q[:200], kind=kind, path=path, city_goal=city_goal, department=department
    )
    paginator = Paginator(selectors.library_search(user=AnonymousUser(), filters=filters), PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "items": [
            {
                "id": item.pk,
                "kind": item.kind,
                "title": item.title,
                "summary": item.summary,
                "body": item.body,
                "date": item.dated,
                "paths": item.paths,
                "city_goals": [goal.slug for goal in item.city_goals.all()],
                "department": item.department.name if item.department else None,
                "url": request.build_absolute_uri(item.get_absolute_url()),
            }
            for item in current
        ],
    }
