"""Front-page panels. Apps register a panel in ``AppConfig.ready``; the home page shows each panel whose
provider returns something for this request (e.g. due follow-ups for their owner, unread notifications).

A *shared* panel is the same for every reader (the city goals, the latest stories, the hours freed): it reads
nothing of the request's user and its template is rendered without the request. The front page renders it
once per source of the anonymous front page (the content version and the registered parts, see
:func:`page_source`), day and language, and every reader, signed in or not, gets that HTML: one cache round
trip for all of them. A signed-in reader's own panels are built for each request."""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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
    """The panels to show, in order: each as ``template`` and ``context``, or a shared one as its ``html``."""
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
            sections.append({"key": panel.key, "template": panel.template, "context": context})
    return sections


def _shared_html(request: "HttpRequest", panels: list[Panel]) -> dict[str, str]:
    """Each shared panel's HTML ("" when it is hidden), from the cache in one round trip; the missing ones are
    built and rendered without the request (so no reader's name, token or roles can enter them) and stored."""
    if not panels:
        return {}
    source = "\0".join([page_source(request), timezone.localdate().isoformat(), get_language() or ""])
    keys = {
        panel.key: "kompas:front-panel:" + hashlib.sha256(f"{panel.key}\0{source}".encode()).hexdigest()
        for panel in panels
    }
    found: dict[str, str] = cache.get_many(list(keys.values()))
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
    return html


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
# Apps whose open items change with the clock (a round opens or closes) without any write give a part of the
# anonymous front page's cache key that changes at that moment.
_page_source_parts: "dict[str, Callable[[], str]]" = {}


def register_invitations(key: str, provider: "Callable[[HttpRequest], list[Invitation]]") -> None:
    _invitations[key] = provider


def open_invitations(request: "HttpRequest") -> list[Invitation]:
    """Everything open now that this request may see; those with the nearest deadline first."""
    found = [invitation for key in sorted(_invitations) for invitation in _invitations[key](request)]

    def when(invitation: Invitation) -> tuple[int, str]:
        deadline = invitation.deadline
        if deadline is None:
            return (1, "")
        return (0, deadline.isoformat())

    return sorted(found, key=when)


def register_page_source(key: str, part: "Callable[[], str]") -> None:
    _page_source_parts[key] = part


def page_source(request: object) -> str:
    """The anonymous front page's cache source: the content version and every registered part."""
    from . import versions

    parts = [str(versions.current("content"))]
    parts += [f"{key}={_page_source_parts[key]()}" for key in sorted(_page_source_parts)]
    return ";".join(parts)
