"""The header navigation. Apps register their entries in ``AppConfig.ready``; each entry has a rule."""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    order: int
    rule: Any = None  # a rules predicate on the user; None = everyone
    staff_only: bool = False


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    current = getattr(getattr(request, "resolver_match", None), "view_name", "")
    path = getattr(request, "path", "")
    entries = []
    for item in sorted(_items, key=lambda i: i.order):
        if item.rule is not None and (user is None or not item.rule.test(user)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        is_current = current == item.url_name or (url != "/" and path.startswith(url))
        entries.append({"label": item.label, "url": url, "current": is_current})
    return entries
