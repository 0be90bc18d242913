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
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
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
    """(label, url, group) of every entry a user with these roles sees, as plain strings (``language`` and the URL
    configuration are part of the key: the labels and addresses depend on them)."""
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
        entries.append((str(item.label), url, None if item.group is None else str(item.group)))
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
    current, longest = -1, -1
    for number, (_label, url, _group) in enumerate(cached):
        if (path == url or (url != "/" and path.startswith(url))) and len(url) > longest:
            current, longest = number, len(url)
    return _thawed(_menu_for(cached, current))


class Menu(list[dict[str, Any]]):
    """The menu of :func:`navigation_for`, carrying the frozen form ``menu_html`` keeps its HTML under."""

    frozen: tuple[Any, ...] | None = None


@lru_cache(maxsize=1024)
def _menu_for(entries: tuple[tuple[Any, str, Any], ...], current: int) -> tuple[Any, ...]:
    """The grouped menu of these entries with the one at ``current`` marked (-1: none), frozen as
    :func:`menu_html` keys it: worked out once per role set, language and current entry in each process."""
    listed = [
        {"label": label, "url": url, "current": number == current, "group": group}
        for number, (label, url, group) in enumerate(entries)
    ]
    return _frozen(_grouped(listed))


def _thawed(frozen: tuple[Any, ...]) -> Menu:
    """The request's own copy of a frozen menu, as lists and dicts."""
    menu = Menu(
        {
            "label": item[0],
            "current": item[1],
            "links": [{"label": label, "url": url, "current": mark} for label, url, mark in item[2]],
        }
        if _is_group(item)
        else {"label": item[0], "url": item[1], "current": item[2]}
        for item in frozen
    )
    menu.frozen = frozen
    return menu


def _is_group(item: tuple[Any, ...]) -> bool:
    return len(item) == 3 and isinstance(item[2], tuple)


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


def menu_html(menu: list[dict[str, Any]], *, mobile: bool) -> SafeString:
    """The header menu (DKFDS), desktop or mobile, as HTML: groups open as submenus. Built once per distinct
    menu in each process (the menu depends only on the role set, the language and the current entry), instead
    of a template include per link on every page."""
    frozen = getattr(menu, "frozen", None)
    if frozen is None:
        frozen = _frozen(menu)
    return _menu_html(frozen, mobile)


def _frozen(menu: list[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple(
        (str(item["label"]), item["current"], tuple(_link_key(link) for link in item["links"]))
        if "links" in item
        else _link_key(item)
        for item in menu
    )


def _link_key(link: dict[str, Any]) -> tuple[str, str, bool]:
    return (str(link["label"]), link["url"], bool(link["current"]))


def _link_html(link: tuple[str, str, bool]) -> SafeString:
    label, url, current = link
    if current:
        return format_html(
            '<li class="active current"><a href="{}" class="nav-link" aria-current="page"><span>{}</span></a></li>',
            url,
            label,
        )
    return format_html('<li><a href="{}" class="nav-link"><span>{}</span></a></li>', url, label)


@lru_cache(maxsize=1024)
def _menu_html(menu: tuple[Any, ...], mobile: bool) -> SafeString:
    parts = []
    for number, item in enumerate(menu, start=1):
        if not _is_group(item):
            parts.append(_link_html(item))
            continue
        label, current, links = item
        target = f"{'mobilemenu' if mobile else 'mainmenu'}-{number}"
        if mobile:
            button = format_html(
                '<button type="button" class="button-mobile-menu js-menudropdown" data-js-target="{0}" '
                'aria-expanded="{1}" aria-controls="{0}"><span>{2}</span></button>'
                '<div class="overflow-menu-inner{3}" id="{0}">',
                target,
                "true" if current else "false",
                label,
                "" if current else " collapsed",
            )
        else:
            button = format_html(
                '<button type="button" class="button-overflow-menu js-dropdown" data-js-target="{0}" '
                'aria-expanded="false" aria-controls="{0}"><span>{1}</span></button>'
                '<div class="overflow-menu-inner collapsed" id="{0}">',
                target,
                label,
            )
        parts.append(
            format_html(
                '<li{}><div class="submenu">{}<ul class="overflow-list">{}</ul></div></div></li>',
                mark_safe(' class="active"') if current else "",  # noqa: S308 - a constant
                button,
                format_html_join("", "{}", ((_link_html(link),) for link in links)),
            )
        )
    return format_html('<ul class="mainmenu">{}</ul>', mark_safe("".join(parts)))  # noqa: S308 - escaped above
