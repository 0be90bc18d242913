"""Front-page panels. Apps register a panel in ``AppConfig.ready``; the home page shows each panel whose
provider returns something for this request (e.g. due follow-ups for their owner, unread notifications)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    build: "Callable[[HttpRequest], dict[str, Any] | None]"  # the template context, or None to hide the panel
    template: str


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def front_page_sections(request: "HttpRequest") -> list[dict[str, Any]]:
    sections = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.build(request)
        if context is not None:
            sections.append({"key": panel.key, "template": panel.template, "context": context})
    return sections


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
