"""Front-page panels. Apps register a panel in ``AppConfig.ready``; the home page shows each panel whose
provider returns something for this request (e.g. due follow-ups for their owner, unread notifications)."""

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
