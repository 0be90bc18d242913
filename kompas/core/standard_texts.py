"""Texts the seeds do not give – Kompas' own wording, one source each (issue 14).

The seven principles of Samarbejdskompasset and the Målkompas questions live as versioned data in their own
apps, which programme staff edit. Other places that show them (the library's tool descriptions) ask this
registry for the current version instead of keeping a wording of their own; a text still in Kompas' default
wording is marked "standardformulering" wherever it appears. Nothing here knows any app.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

MARKER = re.compile(r"\[\[standard:([a-z_]+)\]\]")


@dataclass(frozen=True)
class StandardText:
    key: str
    items: tuple[tuple[str, str], ...]  # (heading, explanation), in order
    version: int
    is_default: bool  # still Kompas' default wording


_providers: dict[str, Callable[[], StandardText | None]] = {}


def register(key: str, provider: Callable[[], StandardText | None]) -> None:
    _providers[key] = provider


def versioned(
    *,
    key: str,
    sets: type[models.Model],
    items: str,
    item_model: type[models.Model],
    wording: Callable[[Any], tuple[str, str]],
) -> Callable[[], StandardText | None]:
    """The provider of a text kept as versioned sets of ordered items (the principles, the Målkompas
    questions): the set of ``sets`` marked ``is_current`` (with its ``version`` and ``is_default_wording``),
    its related ``items`` (of ``item_model``) in their ``order``, each given as ``wording(item)``."""

    def provider() -> StandardText | None:
        in_order = models.Prefetch(items, queryset=item_model._default_manager.order_by("order", "id"))
        found: Any = sets._default_manager.filter(is_current=True).prefetch_related(in_order).first()
        if found is None:
            return None
        return StandardText(
            key=key,
            items=tuple(wording(item) for item in getattr(found, items).all()),
            version=found.version,
            is_default=found.is_default_wording,
        )

    return provider


def current(key: str) -> StandardText | None:
    provider = _providers.get(key)
    return provider() if provider else None


def split(text: str) -> list[tuple[str, str]]:
    """``text`` cut at its ``[[standard:key]]`` markers: ("text", part) and ("standard", key) in order."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in MARKER.finditer(text):
        if match.start() > position:
            parts.append(("text", text[position : match.start()]))
        parts.append(("standard", match.group(1)))
        position = match.end()
    if position < len(text):
        parts.append(("text", text[position:]))
    return parts


def plain(text: str) -> str:
    """The text with each marker replaced by the current wording as numbered lines (for search and the API)."""
    out = []
    for kind, part in split(text):
        if kind == "text":
            out.append(part)
            continue
        found = current(part)
        if found:
            out.append(
                "\n".join(
                    f"{n}. {heading}" + (f" – {explanation}" if explanation else "")
                    for n, (heading, explanation) in enumerate(found.items, 1)
                )
            )
    return "".join(out)
