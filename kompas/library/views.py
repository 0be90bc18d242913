from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kompas.core.access import access, public
from kompas.core.forms import submit
from kompas.core.page_cache import cache_anonymous_page
from kompas.core.search import url_maker
from kompas.core.textsearch import marked, query_terms, snippet

from . import selectors, services
from .choices import PATH_LABELS
from .forms import LibraryItemForm, LibrarySearchForm
from .permissions import can_manage_library, can_read_staff_items

PAGE_SIZE = 20


# A free-text search is the same for every anonymous visitor too, but every query is an entry of its own: kept
# briefly. Both are cached on the content version, which every writing service bumps.
SEARCH_PAGE_SECONDS = 5 * 60


def _without_query(request) -> bool:
    return not request.GET.get("q", "").strip()


def _with_query(request) -> bool:
    return not _without_query(request)


@public
@cache_anonymous_page(when=_without_query)
@cache_anonymous_page(when=_with_query, timeout=SEARCH_PAGE_SECONDS)
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
    page = selectors.page_of(
        selectors.library_search(user=request.user, filters=filters), request.GET.get("page"), PAGE_SIZE
    )
    terms = query_terms(filters.query)
    link = url_maker("library:detail", "pk")
    # What each hit shows is put together here, not by template loops and lookups per hit.
    results = [
        {
            "item": item,
            "url": link(item.pk),
            "text": marked(snippet(item.summary or item.body, terms))
            if terms
            else Truncator(item.summary or item.body).chars(240),
            "goals": "; ".join(goal.title for goal in item.city_goals.all()),
        }
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
