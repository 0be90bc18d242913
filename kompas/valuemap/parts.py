"""Parts of the city goal page drawn once for what they show, and found again after a write elsewhere.

The page is kept under the content version (``views.city_goal``), which every write anywhere advances. Most
of what it then costs to build again is two parts that such a write rarely changes:

* the goal cards (a goal, its status and latest follow-up, a chart and a table per indicator), kept under
  the digest of everything a card shows (``selectors.GoalToDraw``): on the live page the goal's data, on the
  published page the snapshot's copy of the goal, which never changes;
* the empty filter form, whose two lists name every department and unit, kept under the digest of its
  choices (``ValueMapFilterForm.choices_digest``).

So the page is put together again from the parts already drawn, and only a part whose data changed is drawn
anew. Each part is the same for every reader who gets it (who may see the live page is decided by the view):
it holds nothing of the reader's own.

The page's own fragment (``kept_page``) is kept in the process as well as in the shared cache: a few hundred
kilobytes of charts and tables that every reader with the same view gets, fetched once per process and content
version instead of on every page. It is kept encoded too (``page_response``): the page's template is rendered
around a marker and the kept bytes go in its place, so the few hundred kilobytes are neither copied through the
template nor encoded again on every page.
"""

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from kompas.core.fragments import cached_html
from kompas.core.recent import Recent

from .forms import ValueMapFilterForm
from .selectors import GoalToDraw

TIMEOUT = 60 * 60
# Part of every key: a new template or a new meaning of a digest must not find the parts drawn before.
FORMAT = "4"
CARD_TEMPLATE = "valuemap/partials/goal_card.html"


def _key(name: str, digest: str) -> str:
    raw = "|".join((name, FORMAT, get_language() or "", digest))
    return "kompas:fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def goal_cards(goals: list[GoalToDraw]) -> list[SafeString]:
    """The cards' HTML in the goals' order: the kept ones in one cache round trip, the others drawn and kept."""
    keys = [_key("valuemap-goal-card", goal.digest) for goal in goals]
    found: dict[str, str] = cache.get_many(keys) if keys else {}
    drawn: dict[str, str] = {}
    html = []
    for key, goal in zip(keys, goals, strict=True):
        text = found.get(key)
        if text is None:
            text = drawn[key] = render_to_string(CARD_TEMPLATE, {"card": goal.card()})
        html.append(mark_safe(text))  # noqa: S308 - our own rendered template output
    if drawn:
        cache.set_many(drawn, TIMEOUT)
    return html


def filter_form(form: ValueMapFilterForm) -> SafeString:
    """The filter form's fields as HTML; one with nothing chosen (e.g. on the second page) is kept for the
    choices it offers."""
    if form.is_bound and any(form.data.get(name) for name in form.fields):
        return form.render()
    key = _key("valuemap-filter-form", f"{form.is_bound}:{form.choices_digest()}")
    html: str | None = cache.get(key)
    if html is None:
        html = form.render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - our own rendered form


KEPT_PAGES = 8  # a few views of the few city goals read most (about 300 KB each at Aarhus scale)


class KeptPage(SafeString):
    """A kept fragment, with its bytes in the responses' charset once ``page_response`` has needed them."""

    encoded: tuple[str, bytes] | None = None


_kept: Recent[KeptPage] = Recent(KEPT_PAGES)


def kept_page(*, name: str, parts: tuple[Any, ...], build: Callable[[], str]) -> KeptPage:
    """``fragments.cached_html`` with the same key, and the last few fragments kept in this process. The parts
    name the content version and everything the fragment depends on, so a kept one is never stale: after a
    write its key is not asked for again, and it falls out as newer ones come in."""
    raw = "|".join(str(p) for p in (name, get_language(), *parts))
    return _kept.get(
        raw, lambda: KeptPage(cached_html(name=name, parts=parts, build=build))
    )  # our own fragment


# Where the kept fragment goes in the rendered page: a private-use character, which neither our texts nor
# escaping produce, around a token no one outside this process knows.
_CONTENT = f"\ue000content-{secrets.token_hex(8)}\ue000"


def page_response(
    request: HttpRequest, template_name: str, context: dict[str, Any], content: KeptPage
) -> HttpResponse:
    """What ``render(request, template_name, {**context, "content": content})`` gives, byte for byte. The
    template is rendered with a marker for ``{{ content }}`` (which it must show as it is, once), and the
    kept fragment's bytes, encoded once per process, are put in its place."""
    html = render_to_string(template_name, {**context, "content": mark_safe(_CONTENT)}, request)  # noqa: S308
    before, marker, after = html.partition(_CONTENT)
    response = HttpResponse()
    charset = response.charset
    if not marker or _CONTENT in after:  # not shown as it is, exactly once: render it with the fragment
        response.content = render_to_string(template_name, {**context, "content": content}, request)
        return response
    encoded = content.encoded
    if encoded is None or encoded[0] != charset:
        encoded = content.encoded = (charset, content.encode(charset))
    response.content = b"".join((before.encode(charset), encoded[1], after.encode(charset)))
    return response
