import sys
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from .access import public
from .api_errors import error_response
from .health import run_checks
from .outage import is_database_outage, unavailable_response
from .page_cache import cache_anonymous_page, cache_reader_page
from .roles import is_staff_member
from .search import clean_query, search_all
from .textsearch import query_terms
from .welcome import front_page_sections, page_source

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@public
@cache_anonymous_page(page_source)
@cache_reader_page(page_source)
def home(request: "HttpRequest") -> "HttpResponse":
    return render(
        request,
        "core/home.html",
        {"sections": front_page_sections(request), "is_staff_member": is_staff_member.test(request.user)},
    )


SEARCH_HITS_PER_MODULE = 10
# Anonymous search pages are the same for every visitor: cached on the content version like the public pages,
# but briefly, as every query is an entry of its own.
SEARCH_PAGE_SECONDS = 5 * 60


@public
@cache_anonymous_page(timeout=SEARCH_PAGE_SECONDS)
@cache_reader_page()
def search(request: "HttpRequest") -> "HttpResponse":
    """The site search: hits from every module the user may search, grouped by module. An anonymous visitor's
    page is cached on the content version (every writing service bumps it); a signed-in user's never is."""
    query = clean_query(request.GET.get("q"))
    groups = search_all(request.user, query, limit=SEARCH_HITS_PER_MODULE) if query else []
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "more": any(group.more for group in groups),
            "similar": any(group.similar for group in groups),
            "no_words": bool(query) and not query_terms(query),
        },
    )


@public
def language(request: "HttpRequest") -> HttpResponseRedirect:
    """Switch the interface language: a plain link in the footer, remembered in a cookie."""
    code = request.GET.get("lang", "")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if code and check_for_language(code) and code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=60 * 60 * 24 * 365,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # django-stubs: str, not the Literal
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@public
@never_cache
@require_safe
def healthz(request: "HttpRequest") -> JsonResponse:
    """For the load balancer: 200 when the database, the cache and the broker answer, else 503. Public, JSON,
    no secrets (kompas.core.health); production exempts it from the HTTPS redirect."""
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@requires_csrf_token
def bad_request(request: "HttpRequest", exception: Exception | None = None) -> "HttpResponse":
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request: "HttpRequest", exception: Exception | None = None) -> "HttpResponse":
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request: "HttpRequest", exception: Exception | None = None) -> "HttpResponse":
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: "HttpRequest") -> "HttpResponse":
    """The 500 page; when the database is briefly away, a 503 with Retry-After instead."""
    if is_database_outage(sys.exc_info()[1]):
        return unavailable_response(request)
    if request.path.startswith("/api/"):
        return error_response(500)  # the API answers in its own error shape
    # Keep it simple: no context processors that might fail again.
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))
