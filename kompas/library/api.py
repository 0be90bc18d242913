"""Read-only API of Vidensbanken: search over the items open to everyone (no staff-only learnings)."""

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from ninja import Query, Router, Schema

from kompas.core import standard_texts
from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.schema_types import Id

from . import selectors

router = Router(tags=["Vidensbanken"])


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


class LibraryPage(Page[LibraryItemOut]):
    pass


@router.get(
    "/library/items",
    response=answers(LibraryPage, 422),
    auth=None,
    summary="Search the public knowledge library",
)
def search_library(
    request,
    paging: Query[PageParams],
    q: str = "",
    kind: str = "",
    path: str = "",
    city_goal: Id | None = None,
    department: Id | None = None,
):
    # Always the public view, whoever asks: the open API serves what is open to everyone.
    filters = selectors.LibraryFilters(
        query=q[:200], kind=kind, path=path, city_goal=city_goal, department=department
    )
    return page(
        selectors.library_search(user=AnonymousUser(), filters=filters),
        paging,
        lambda item: {
            "id": item.pk,
            "kind": item.kind,
            "title": item.title,
            "summary": item.summary,
            "body": standard_texts.plain(item.body),
            "date": item.dated,
            "paths": item.paths,
            "city_goals": [goal.slug for goal in item.city_goals.all()],
            "department": item.department.name if item.department else None,
            "url": request.build_absolute_uri(item.get_absolute_url()),
        },
    )
