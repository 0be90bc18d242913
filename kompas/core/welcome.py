"""Front-page panels. Apps register a panel in ``AppConfig.ready``; the home page shows each panel whose
provider returns something for this request (e.g. due follow-ups for their owner, unread notifications).

A *shared* panel is the same for every reader (the city goals, the latest stories, the hours freed): it reads
nothing of the request's user and its template is rendered without the request. The front page renders it
once per source of the anonymous front page (the content version and the registered parts, see
:func:`page_source`), day and language, and every reader, signed in or not, gets that HTML: one cache round
trip for all of them, and none once the process keeps them under that key. A signed-in reader's own panels are
built for each request; what they need that is the same for every reader (which forums are open, which units
have too many goals) they keep with :func:`shared_data`, which comes in that same round trip."""

import contextlib
import dataclasses
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from django.core.cache import cache
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .frozen import NotFrozen, freeze

if TYPE_CHECKING:
    from django.http import HttpRequest

SHARED_TIMEOUT = 60 * 60


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    build: "Callable[[HttpRequest], dict[str, Any] | None]"  # the template context, or None to hide the panel
    template: str
    shared: bool = False  # the same for every reader: rendered once per page source, day and language


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def front_page_sections(request: "HttpRequest") -> list[dict[str, Any]]:
    """The panels to show, in order, each as its ``html`` (a shared one from the cache, a reader's own one
    rendered from what its builder gives, see :func:`rendered`)."""
    panels = sorted(_panels.values(), key=lambda p: p.order)
    shared = _shared_html(request, [panel for panel in panels if panel.shared])
    sections: list[dict[str, Any]] = []
    for panel in panels:
        if panel.shared:
            if shared[panel.key]:
                sections.append({"key": panel.key, "html": mark_safe(shared[panel.key])})  # noqa: S308 - ours
            continue
        context = panel.build(request)
        if context is not None:
            sections.append({"key": panel.key, "html": rendered(panel.template, context)})
    return sections


# --- A reader's own panels, rendered once per content -----------------------------------------------------------
# A reader's panel is built afresh for every request that renders the page (its rows are read each time), but what
# the template makes of the rows depends on nothing else: the panel templates read only ``panel`` (a test renders
# each of them both ways for every demo user and compares). So the HTML is kept under the rows themselves
# (``frozen.freeze``: equal keys only for values a template renders alike), the template, the language, the time
# zone and the URL prefix, and the same rows are not rendered twice: after a write elsewhere moves the content version, a
# reader's front page is rendered again with the same panels. Nothing is kept for a value of unknown kind.

MAX_RENDERED = 512
_rendered: dict[tuple[Any, ...], SafeString] = {}
_rendered_lock = threading.Lock()


def rendered(template: str, context: dict[str, Any]) -> SafeString:
    """``template`` rendered with ``{"panel": context}`` and no request, as the front page includes it."""
    try:
        key = (
            template,
            get_language() or "",
            timezone.get_current_timezone_name(),  # a date filter prints in the active zone
            get_script_prefix(),
            get_urlconf(),
            freeze(context),
        )
    except NotFrozen:
        return _render(template, context)
    html = _rendered.get(key)
    if html is None:
        html = _render(template, context)
        with _rendered_lock:
            _rendered[key] = html
            while len(_rendered) > MAX_RENDERED:
                del _rendered[next(iter(_rendered))]
    return html


def _render(template: str, context: dict[str, Any]) -> SafeString:
    return mark_safe(render_to_string(template, {"panel": context}))  # noqa: S308 - our template's output


def _shared_html(request: "HttpRequest", panels: list[Panel]) -> dict[str, str]:
    """Each shared panel's HTML ("" when it is hidden), from the cache in one round trip; the missing ones are
    built and rendered without the request (so no reader's name, token or roles can enter them) and stored."""
    if not panels:
        return {}
    source = "\0".join([page_source(request), timezone.localdate().isoformat(), get_language() or ""])
    keys = {panel.key: _panel_key(panel.key, source) for panel in panels}
    data_key = _shared_data_key(request)
    found = _read_shared([*keys.values(), data_key])
    # The shared data the reader's own panels ask for comes in the same round trip.
    _remember_shared_data(request, data_key, found.get(data_key, {}))
    html: dict[str, str] = {}
    missing: dict[str, str] = {}
    for panel in panels:
        key = keys[panel.key]
        if key in found:
            html[panel.key] = found[key]
            continue
        context = panel.build(request)
        html[panel.key] = missing[key] = (
            "" if context is None else render_to_string(panel.template, {"panel": context})
        )
    if missing:
        cache.set_many(missing, SHARED_TIMEOUT)
        _keep_shared(missing)
    return html


# --- Kept in the process --------------------------------------------------------------------------------------
# The shared panels' HTML and the shared data are the same for every reader, and their keys hold everything they
# are built from (the page source with its content version, the day, the language): what is under a key never
# changes but by adding a name to the shared data. Each process keeps what it read under the key, as
# ``versioned.kept`` keeps small reads under the content version, and asks the cache only for what it does not
# hold: a fresh front page then costs no cache round trip for them (about a third of a millisecond of CPU). Only
# values shared by every reader are kept here, never a reader's own.

MAX_KEPT = 64  # two languages' shared panels and data for a few sources; the oldest go first
_kept: dict[str, tuple[float, Any]] = {}  # key: (when it is no longer kept, value), as the cache's timeout
_kept_lock = threading.Lock()


def _read_shared(keys: list[str]) -> dict[str, Any]:
    """The entries under ``keys`` that the process keeps or the cache holds (one round trip for the rest)."""
    now = time.monotonic()
    found = {key: kept[1] for key in keys if (kept := _kept.get(key)) is not None and kept[0] > now}
    if len(found) < len(keys):
        fetched: dict[str, Any] = cache.get_many([key for key in keys if key not in found])
        _keep_shared(fetched)
        found.update(fetched)
    return found


def _keep_shared(entries: dict[str, Any]) -> None:
    until = time.monotonic() + SHARED_TIMEOUT
    with _kept_lock:
        for key, value in entries.items():
            _kept.pop(key, None)
            _kept[key] = (until, value)
        while len(_kept) > MAX_KEPT:
            del _kept[next(iter(_kept))]


def forget() -> None:
    """Forget what the process keeps (for tests that change the shared data behind the services' back)."""
    with _kept_lock:
        _kept.clear()


# --- Labels worked out by a panel's builder ------------------------------------------------------------------
# A translation tag, a date filter or a {% url %} inside a panel's loop costs the template engine far more than the
# same work in the builder (about a tenth of a leader's front page, measured). A builder may therefore give each
# row its address and label, worked out as the tag would: the message stays the template's
# (``gettext("due %(date)s")`` is the msgid of ``{% blocktranslate %}due {{ date }}{% endblocktranslate %}``), the
# markup stays in the template.


def filled(translated: str, **values: Any) -> SafeString:
    """``translated`` with its values filled in as ``{% blocktranslate with name=value %}`` renders it: each value
    localized and escaped, the translation itself as it is. Show it with ``{{ row.label }}``."""
    return mark_safe(  # noqa: S308 - the values are escaped, the translation is ours
        translated % {name: conditional_escape(localize(value)) for name, value in values.items()}
    )


def address(name: str, **kwargs: int | str) -> str:
    """``{% url name pk=… %}``, reversed once per process (per URL prefix and URLconf, all that ``reverse`` reads
    besides the name and the arguments): the same few addresses (a list's page, the forums open now) on every
    front page."""
    return _address(name, tuple(sorted(kwargs.items())), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=1024)
def _address(name: str, kwargs: tuple[tuple[str, int | str], ...], prefix: str, urlconf: Any) -> str:
    return reverse(name, kwargs=dict(kwargs)) if kwargs else reverse(name)


def long_date(value: "dt.date | dt.datetime | None") -> str:
    """``value|date:"j. F Y"`` as a template writes it (a time in the current time zone): "1. oktober 2026"."""
    return _long_date(value, get_language(), timezone.get_current_timezone_name())


@lru_cache(maxsize=1024)
def _long_date(value: "dt.date | dt.datetime | None", language: str | None, zone: str) -> str:
    # The same few dates (deadlines, follow-ups) on every front page: formatted once per language and time zone.
    if isinstance(value, dt.datetime):
        value = timezone.template_localtime(value)  # type: ignore[attr-defined]  # not in django-stubs
    return str(date_filter(value, "j. F Y"))


# --- What is open now ---------------------------------------------------------------------------------------
# The front page invites: dialogues to join, hearings, fund rounds with a deadline. Each app registers a
# provider of what it has open for this request (from its own visible queryset); the "open now" panel
# gathers them without knowing the apps.


@dataclass(frozen=True)
class Invitation:
    title: str
    url: str
    kind_label: Any  # a (lazy) translation: "Dialogue", "Fund round", …
    deadline: "dt.datetime | dt.date | None" = None
    note: str = ""


_invitations: "dict[str, Callable[[HttpRequest], list[Invitation]]]" = {}
# Providers whose invitations are the same for every reader (public items): gathered once per page source, day
# and language and kept in the cache, like the shared panels.
_shared_invitations: set[str] = set()
# Apps whose open items change with the clock (a round opens or closes) without any write give a part of the
# anonymous front page's cache key that changes at that moment; each is given the content version the source read.
_page_source_parts: "dict[str, Callable[[int], str]]" = {}


def register_invitations(
    key: str, provider: "Callable[[HttpRequest], list[Invitation]]", *, shared: bool = False
) -> None:
    """``shared``: the provider reads nothing of the request's user (public items only), so what it returns is
    kept for every reader until the front page's source (:func:`page_source`) or the day changes."""
    _invitations[key] = provider
    if shared:
        _shared_invitations.add(key)
    else:
        _shared_invitations.discard(key)


def open_invitations(request: "HttpRequest") -> list[Invitation]:
    """Everything open now that this request may see; those with the nearest deadline first."""
    shared = _shared_invitation_lists(request)
    found = [
        invitation
        for key in sorted(_invitations)
        for invitation in (shared[key] if key in shared else _invitations[key](request))
    ]

    def when(invitation: Invitation) -> tuple[int, str]:
        deadline = invitation.deadline
        if deadline is None:
            return (1, "")
        return (0, deadline.isoformat())

    return sorted(found, key=when)


def _shared_invitation_lists(request: "HttpRequest") -> dict[str, list[Invitation]]:
    """The shared providers' invitations, from the cache in one round trip (built and stored on a miss)."""
    keys = sorted(key for key in _shared_invitations if key in _invitations)
    if not keys:
        return {}
    found = shared_data(
        request,
        "invitations:" + ",".join(keys),
        lambda: {key: [_plain(invitation) for invitation in _invitations[key](request)] for key in keys},
    )
    return cast("dict[str, list[Invitation]]", found)


def _plain(invitation: Invitation) -> Invitation:
    """The invitation with its texts made plain strings in the current language (the key holds the language)."""
    return dataclasses.replace(invitation, title=str(invitation.title), kind_label=str(invitation.kind_label))


def shared_data(request: object, name: str, build: "Callable[[], Any]") -> Any:
    """A value that is the same for every reader of the front page (nothing of the request's user may go into
    it), kept in the cache for the front page's source (:func:`page_source`: the content version and the
    registered parts), the day and the language. ``build`` runs only on a miss. All the front page's shared
    data is one cache entry, read with the shared panels (one round trip for all of them)."""
    # Read once per request, with the shared panels (one request sees one source, day and language).
    known: tuple[str, dict[str, Any]] | None = getattr(request, _SHARED_DATA, None)
    if known is None:
        key = _shared_data_key(request)
        known = _remember_shared_data(request, key, _read_shared([key]).get(key) or {})
    key, data = known
    if name not in data:
        data[name] = build()
        cache.set(key, data, SHARED_TIMEOUT)  # a concurrent writer may drop a name: it is built again
        _keep_shared({key: dict(data)})
    return data[name]


_SHARED_DATA = "_kompas_front_data"


def _shared_data_key(request: object) -> str:
    source = "\0".join([page_source(request), timezone.localdate().isoformat(), get_language() or ""])
    return _data_key(source)


@lru_cache(maxsize=256)
def _panel_key(panel: str, source: str) -> str:
    return "kompas:front-panel:" + hashlib.sha256(f"{panel}\0{source}".encode()).hexdigest()


@lru_cache(maxsize=64)
def _data_key(source: str) -> str:
    return "kompas:front-data:" + hashlib.sha256(source.encode()).hexdigest()


def _remember_shared_data(request: object, key: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    known = (key, dict(data))
    with contextlib.suppress(AttributeError):
        setattr(request, _SHARED_DATA, known)
    return known


def register_page_source(key: str, part: "Callable[[int], str]") -> None:
    _page_source_parts[key] = part


def page_source(request: object) -> str:
    """The anonymous front page's cache source: the content version and every registered part. Read once per
    request (the page cache, the shared panels and the shared data all ask), so one request sees one source."""
    from .page_cache import request_version

    known: str | None = getattr(request, "_kompas_front_page_source", None)
    if known is not None:
        return known
    version = request_version(request, "content")  # read with the personal version by the reader page cache
    parts = [str(version)]
    parts += [f"{key}={_page_source_parts[key](version)}" for key in sorted(_page_source_parts)]
    source = ";".join(parts)
    with contextlib.suppress(AttributeError):  # an object that takes no attributes asks again next time
        setattr(request, "_kompas_front_page_source", source)  # noqa: B010 - typed as any object
    return source
