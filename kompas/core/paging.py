"""A list page's one way to page: the page of the items that ``?page=`` asks for, rendered with the rest of the
context (the template shows it as ``page``, as ``core/list_page.html`` and ``core/partials/pagination.html`` do).
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_list(
    request: HttpRequest, template_name: str, items: Any, *, per_page: int = 25, **context: Any
) -> HttpResponse:
    """Render ``template_name`` with ``page``, the requested page of ``items`` (a page number that is not one
    gives the first page, one past the end the last, as ``Paginator.get_page`` does), and ``context``."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    return render(request, template_name, {"page": page, **context})
