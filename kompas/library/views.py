import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kompas.core import versions
from kompas.core.access import access, public
from kompas.core.forms import submit
from kompas.core.models import PublicationStatus
from kompas.core.page_cache import cache_anonymous_page, cache_reader_page
from kompas.core.search import short_date, url_maker
from kompas.core.textsearch import marked, query_terms, snippet

from . import selectors, services
from .choices import PATH_LABELS, Audience
from .forms import LibraryItemForm, LibrarySearchForm
from .permissions import can_manage_library, can_read_staff_items

PAGE_SIZE = 20


# A free-text search is the same for every anonymous visitor too, but every query is an entry of its own: kept
# briefly. Both are cached on the content version, which every writing service bumps.
SEARCH_PAGE_SECONDS = 5 * 60
# A page of results as shown, kept for everyone whom the library shows the same items (its audience_of).
RESULTS_SECONDS = 10 * 60
# The search form as asked (its HTML, the filters it cleans to).
FORM_SECONDS = 60 * 60


def _without_query(request) -> bool:
    return not request.GET.get("q", "").strip()


def _with_query(request) -> bool:
    return not _without_query(request)


@dataclass(frozen=True)
class _Asked:
    """The search form as the page uses it: its HTML, the filters it cleans the request to and its errors (the
    page's title says so). The same for everyone who asks the same (its choices are content, its errors come
    from the data): kept on the content version, as building, checking and rendering it was a third of the
    page's time."""

    html: str
    filters: selectors.LibraryFilters
    errors: dict[str, list[str]]


@public
@cache_anonymous_page(when=_without_query)
@cache_anonymous_page(when=_with_query, timeout=SEARCH_PAGE_SECONDS)
@cache_reader_page()
def library_search(request):
    asked = tuple((name, tuple(request.GET.getlist(name))) for name in LibrarySearchForm.base_fields)
    number = request.GET.get("page")
    language = get_language()
    # Both kept with the content version they were made from, and read with the current version in one
    # round trip: the form for what was asked, and the page of results for everyone whom the library shows
    # the same items (``selectors.audience_of``), in the language, time zone and URL prefix of the entries.
    form_key = _key("kompas:library-form:", (asked, bool(request.GET), language))
    results_key = _key(
        "kompas:library-results:",
        (
            selectors.audience_of(request.user),
            asked,
            bool(request.GET),
            number,
            language,
            get_current_timezone_name(),
            get_script_prefix(),
        ),
    )
    version, kept = versions.current_with("content", form_key, results_key)
    form = _current(kept.get(form_key), version)
    if form is None:
        form = _asked(request)
        cache.set(form_key, (version, form), FORM_SECONDS)
    results = _current(kept.get(results_key), version)
    if results is None:
        results = _results(request.user, form.filters, number)
        cache.set(results_key, (version, results), RESULTS_SECONDS)
    page, entries = _page(results)
    return render(
        request,
        "library/item_search.html",
        {
            "form": form,
            "form_html": mark_safe(form.html),  # noqa: S308  # the form's own rendering
            "page": page,
            "results": entries,
            "query": form.filters.query,
            "searched": bool(request.GET),
            "path_labels": PATH_LABELS,
            "can_manage": can_manage_library.test(request.user),
            "sees_staff_items": can_read_staff_items.test(request.user),
        },
    )


def _key(prefix: str, parts: tuple) -> str:
    return prefix + hashlib.sha256(repr(parts).encode()).hexdigest()


def _current(entry, version: int):
    """What an entry kept as ``(version, value)`` holds, if it was made from the current content version."""
    return entry[1] if entry is not None and entry[0] == version else None


def _asked(request) -> _Asked:
    form = LibrarySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.LibraryFilters(
        query=data.get("q") or "",
        kind=data.get("kind") or "",
        path=data.get("path") or "",
        city_goal=data["city_goal"].pk if data.get("city_goal") else None,
        department=data["department"].pk if data.get("department") else None,
    )
    return _Asked(
        str(form), filters, {name: [str(error) for error in errors] for name, errors in form.errors.items()}
    )


def _results(user, filters: selectors.LibraryFilters, asked: str | None) -> tuple[int, int, list[str]]:
    """The page of results asked for: its number, the number of results and each as its list entry."""
    page = selectors.page_of(selectors.library_search(user=user, filters=filters), asked, PAGE_SIZE)
    terms = query_terms(filters.query)
    link = url_maker("library:detail", "pk")
    return page.number, page.paginator.count, [str(_result(item, link(item.pk), terms)) for item in page]


def _page(results: tuple[int, int, list[str]]) -> tuple[Page, list[dict[str, SafeString]]]:
    number, count, entries = results
    paginator: Paginator[SafeString] = Paginator([], PAGE_SIZE)
    paginator.count = count  # a cached_property: set here, read by the page
    html = [mark_safe(entry) for entry in entries]  # noqa: S308  # made by _result, every value escaped
    return Page(html, number, paginator), [{"html": entry} for entry in html]


def _result(item, url: str, terms: list[str]) -> SafeString:
    """An item's list entry on the search page: its link, its tags (as ``partials/tags.html`` shows them on the
    item's page), the text around the search words and where it is from. Put together here rather than by an
    include and template lookups per item, which were a third of the page's time."""
    tags = [format_html('<span class="badge">{}</span>', item.get_kind_display())]
    tags += [
        format_html('<span class="badge badge-info">{}</span>', _("Path: %(label)s") % {"label": label})
        for label in item.path_labels
    ]
    if item.audience == Audience.STAFF:
        tags.append(format_html('<span class="badge">{}</span>', _("Staff only")))
    if item.publication_status == PublicationStatus.DRAFT:
        tags.append(format_html('<span class="badge badge-warning">{}</span>', _("Draft")))
    text = item.summary or item.body
    about = [item.department.name] if item.department else []
    goals = "; ".join(goal.title for goal in item.city_goals.all())
    about += [goals] if goals else []
    about.append(short_date(item.dated))
    if item.is_shared_learning:
        about.append(f"{_('From')}: {item.source_label}")
    return format_html(
        '<li class="mb-6">\n    <h3 class="h4 mb-2"><a href="{}">{}</a></h3>\n    <p class="mt-0 mb-2">{}</p>\n'
        '    <p class="mt-0 mb-2">{}</p>\n    <p class="mt-0"><small>{}</small></p>\n  </li>',
        url,
        item.title,
        mark_safe(" ".join(tags)),  # noqa: S308  # each tag is made by format_html
        marked(snippet(text, terms)) if terms else Truncator(text).chars(240),
        " · ".join(about),
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
