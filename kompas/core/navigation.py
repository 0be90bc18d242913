"""The header navigation. Apps register their entries in ``AppConfig.ready``; each entry has a rule.

Entries with a ``group`` are shown together under one menu button (a DKFDS submenu), in the place of the
group's first entry; a group with one visible entry is shown as that entry alone.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The submenus of the header. An app names one of these as its entry's group.
GROUP_GOALS = _("Goals and value")
GROUP_COCREATION = _("Co-creation")
GROUP_DEVELOPMENT = _("Development")
GROUP_KNOWLEDGE = _("Knowledge")
GROUP_ADMINISTRATION = _("Administration")


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    order: int
    rule: Any = None  # a rules predicate on the user; None = everyone
    staff_only: bool = False
    group: Any = None  # a lazy translation naming the submenu, or None for a top-level entry


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _items):
        _items.append(item)


def flat(menu: list[dict]) -> list[dict]:
    """The links of a menu from :func:`navigation_for`, with the grouped ones in their place."""
    return [link for item in menu for link in item.get("links", [item])]


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
        entries.append({"label": item.label, "url": url, "current": False, "group": item.group})
    matches = [e for e in entries if path == e["url"] or (e["url"] != "/" and path.startswith(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["current"] = True
    return _grouped(entries)


def _grouped(entries: list[dict]) -> list[dict]:
    menu: list[dict] = []
    groups: dict[str, dict] = {}
    for entry in entries:
        group = entry.pop("group")
        if group is None:
            menu.append(entry)
            continue
        key = str(group)
        if key not in groups:
            groups[key] = {"label": group, "links": [], "current": False}
            menu.append(groups[key])
        groups[key]["links"].append(entry)
        groups[key]["current"] = groups[key]["current"] or entry["current"]
    return [item["links"][0] if len(item.get("links", ())) == 1 else item for item in menu]
