"""The header navigation. Apps register their entries in ``AppConfig.ready``; each entry has a rule.

Entries with a ``group`` are shown together under one menu button (a DKFDS submenu), in the place of the
group's first entry; a group with one visible entry is shown as that entry alone.

A rule may depend only on who the user is by role (their role codes, whether they are signed in and active):
the entries are worked out once per role set and language in each process, and only the current entry is
marked per request.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.http import HttpRequest

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
        _entries_for.cache_clear()


def flat(menu: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The links of a menu from :func:`navigation_for`, with the grouped ones in their place."""
    return [link for item in menu for link in item.get("links", [item])]


class _RoleHolder:
    """Stands for every user with the same role set when the rules are asked."""

    def __init__(self, authenticated: bool, codes: frozenset[str]) -> None:
        self.is_authenticated = authenticated
        self.is_anonymous = not authenticated
        self.is_active = True
        self._codes = codes

    def role_codes(self) -> frozenset[str]:
        return self._codes


@lru_cache(maxsize=512)
def _entries_for(
    authenticated: bool, codes: frozenset[str], language: str, urlconf: Any, prefix: str
) -> tuple[tuple[Any, str, Any], ...]:
    """(label, url, group) of every entry a user with these roles sees (``language`` and the URL configuration
    are part of the key: the labels and addresses depend on them)."""
    from django.contrib.auth.models import AnonymousUser

    holder = _RoleHolder(authenticated, codes) if authenticated else AnonymousUser()
    entries = []
    for item in sorted(_items, key=lambda i: i.order):
        if item.rule is not None and not item.rule.test(holder):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append((str(item.label), url, item.group))
    return tuple(entries)


def navigation_for(request: "HttpRequest") -> list[dict[str, Any]]:
    """The entries this user may see; the one whose address best matches the page is marked current."""
    from .roles import codes_of

    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    authenticated = bool(user is not None and user.is_authenticated and user.is_active)
    cached = _entries_for(
        authenticated,
        codes_of(user) if authenticated else frozenset(),
        get_language() or "",
        get_urlconf(),
        get_script_prefix(),
    )
    entries = [{"label": label, "url": url, "current": False, "group": group} for label, url, group in cached]
    matches = [e for e in entries if path == e["url"] or (e["url"] != "/" and path.startswith(e["url"]))]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["current"] = True
    return _grouped(entries)


def _grouped(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    menu: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
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
