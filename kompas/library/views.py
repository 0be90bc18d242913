from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kompas.core.access import access, public
from kompas.core.forms import submit
from kompas.core.page_cache import cache_anonymous_page
from kompas.core.textsearch import query_terms, snippet

from . import selectors, services
from .choices import PATH_LABELS
from .forms import LibraryItemForm, LibrarySearchForm
from .permissions import can_manage_library, can_read_staff_items

PAGE_SIZE = 20


def _without_query(request) -> bool:
    """The list and its filters are cached; a free-text search is not (every query would be a new entry)."""
    return not request.GET.get("q", "").strip()


@public
@cache_anonymous_page(when=_without_query)
def library_search(request):
    form = LibrarySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.LibraryFilters(
        query=data.get("q") or "",
        kind=data.get("kind") or "",
        path=data.get("path") or "",
        city_goal=data["city_goal"].pk if data.get("city_goal") else None,
        department=data["department"].pk if data.get("department") else None,
    )
    page = Paginator(selectors.library_search(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    terms = query_terms(filters.query)
    results = [
        {"item": item, "snippet": snippet(item.summary or item.body, terms) if terms else None}
        for item in page
    ]
    return render(
        request,
        "library/item_search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "query": filters.query,
            "searched": bool(request.GET),
            "path_labels": PATH_LABELS,
            "can_manage": can_manage_library.test(request.user),
            "sees_staff_items": can_read_staff_items.test(request.user),
        },
    )


@public
def library_detail(request, pk: int):
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "library/item_detail.html",
        {"item": item, "can_edit": can_manage_library.test(request.user) and not item.is_shared_learning},
    )


@access(can_manage_library, label="programme")
def library_item_create(request):
    form = LibraryItemForm(request.POST or None, initial={"dated": timezone.localdate()})
    if done := submit(request, form, services.item_save, success=_("The item has been saved.")):
        return done
    return render(request, "library/item_form.html", {"form": form, "item": None})


@access(can_manage_library, label="programme")
def library_item_edit(request, pk: int):
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    if item.is_shared_learning:
        raise Http404  # learnings are edited where they come from
    form = LibraryItemForm(request.POST or None, instance=item)
    if done := submit(request, form, services.item_save, item=item, success=_("The item has been saved.")):
        return done
    return render(request, "library/item_form.html", {"form": form, "item": item})
