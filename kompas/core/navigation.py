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
    """The entries this user may see; the one whose address best matches the page is marked current."""
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    entries = []
    for item in sorted(_items, key=lambda i: i.order):
        if item.rule is not None and (user is None or not item.rule.test(user)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": item.label, "url": url, "current": False})
    matches = [e for e in entries if path == e["url"] or (e["url"] != "/" and path.startswith(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["current"] = True
    return entries
