"""The page layout's head, header and footer, rendered once per variant and filled in per request.

The layout (``core/base.html``) is the same for every page of a kind of reader: the site's name, the menu for
their roles, the footer's links. Rendering it through the template engine cost about 1.1 ms of CPU on every page
that is not served from a cache: a third of the vote page. Each part is now rendered once per process and
variant (the language, the URL prefix, signed in or not, the menu's HTML, whether it is the search page) with
markers where a reader's own values go, and each request puts in its own: the user's name, the CSRF token, the
address the language links return to, the search words. The values are escaped exactly as the template would
escape them. The parts' templates are in ``core/templates/core/layout/``.
"""

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .navigation import menu_html

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.template import Context

# Markers in the rendered variants (private-use characters, which neither our texts nor escaping produce).
NAME = "\ue000name\ue000"
CSRF = "\ue000csrf\ue000"
NEXT = "\ue000next\ue000"
QUERY = "\ue000query\ue000"
PARTS = ("head", "header", "footer")


def part(context: "Context", name: str) -> SafeString:
    """One part of the layout for the page being rendered."""
    if name not in PARTS:
        raise ValueError(name)
    language, prefix = get_language() or "", get_script_prefix()
    request: HttpRequest | None = context.get("request")
    if name == "head":
        return mark_safe(_variant("head", language, "", False, "", "", False))  # noqa: S308 - ours
    if name == "footer":
        back = request.get_full_path() if request is not None else "/"
        html = _variant("footer", language, prefix, False, "", "", False)
        return mark_safe(html.replace(NEXT, conditional_escape(urlencode(back))))  # noqa: S308 - escaped
    navigation = context.get("navigation") or []
    menu, mobile_menu = menu_html(navigation, mobile=False), menu_html(navigation, mobile=True)
    if request is None:  # rendered without a request (no reader, no form to protect): signed out
        return mark_safe(_variant("header", language, prefix, False, menu, mobile_menu, False))  # noqa: S308
    user = context.get("user") or getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    match = getattr(request, "resolver_match", None)
    on_search = bool(match and match.view_name == "core:search")
    html = _variant("header", language, prefix, signed_in, menu, mobile_menu, on_search)
    if signed_in:
        html = html.replace(NAME, conditional_escape(user.get_full_name()))  # type: ignore[union-attr]
        html = html.replace(CSRF, conditional_escape(get_token(request)))  # as {% csrf_token %} does
    if on_search:
        html = html.replace(QUERY, conditional_escape(context.get("query") or ""))
    return mark_safe(html)  # noqa: S308 - our template, the reader's values escaped


@lru_cache(maxsize=512)
def _variant(
    name: str, language: str, prefix: str, signed_in: bool, menu: str, mobile_menu: str, on_search: bool
) -> str:
    """A part rendered with markers for the reader's values; the arguments are the whole key (the rest of the
    context is settings, static for the process). ``language`` is the active one, so the texts are in it."""
    return str(
        _render(
            name,
            {
                "LANGUAGE_CODE": language,
                "signed_in": signed_in,
                "user_name": NAME,
                "csrf_token": CSRF,
                "menu": mark_safe(menu),  # noqa: S308 - built by navigation.menu_html
                "mobile_menu": mark_safe(mobile_menu),  # noqa: S308
                "search_value": QUERY if on_search else "",
                "next": mark_safe(NEXT),  # noqa: S308 - a marker
            },
        )
    )


def _render(name: str, values: dict[str, Any]) -> SafeString:
    context = {
        "site_name": settings.KOMPAS_SITE_NAME,
        "municipality": settings.KOMPAS_MUNICIPALITY,
        "accessibility_statement_url": settings.KOMPAS_ACCESSIBILITY_STATEMENT_URL,
        **values,
    }
    return mark_safe(render_to_string(f"core/layout/{name}.html", context))  # noqa: S308 - our template
