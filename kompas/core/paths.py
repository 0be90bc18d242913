"""The four paths of the compass (lytte, løse, lære, lede) and what every module holds on each of them.

A path page (the ``compass`` app) shows, per module, the items on that path that the reader may see. It cannot
decide that itself: one access rule per object (ADR 0015). So every module registers a *provider* here, in
``AppConfig.ready`` (its own ``paths.py``), built from its own visible queryset or guarded accessor:

- ``items(user, path, tagged, limit)`` returns at most ``limit`` items the user may see, newest first: those
  that are on ``path`` by their nature (``paths``: a dialogue is a way to listen), those the module's own data
  puts there (a library item's path tags), and those a person tagged with ``path`` (``tagged``: primary keys
  per model label, read from the compass's tag table). Every provider is asked on every path; it runs a fixed
  number of queries, however much data there is (none when nothing can be on the path: ``on_path``).
- ``can_tag(user, label, pks)`` returns those of the objects the user may tag with further paths: the owning
  app's own rule for changing them, for a whole section at once. The tag service asks this and nothing else.

A module builds its provider with :func:`declare` from its visible queryset, what a page shows of an object
and its rule for changing one; only a module whose items follow another shape writes ``items`` itself.

The compass app also registers the three pivots as *lenses* (:func:`register_lenses`): the reflection questions
that Målkompasset and follow-ups show beside their own (``{% pivot_lenses %}``), without importing the compass.
Nothing here knows any module.
"""

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from django.db.models import Model, Q, QuerySet

_M = TypeVar("_M", bound="Model")

# The codes of the four paths, in the seed's order (kept in step with kompas.core.learnings.PATHS).
PATHS = ("listen", "solve", "learn", "lead")


@dataclass(frozen=True)
class PathItem:
    label: str  # the model label in lower case, e.g. "dialogues.forum"
    pk: int
    title: str
    url: str
    kind_label: Any  # a (lazy) translation naming what the item is: "Dialogue", "Trial", …
    summary: str = ""
    date: dt.date | dt.datetime | None = None
    status_label: Any = ""


# (user, path code, tagged primary keys per model label, limit) -> the items this user may see
ItemsFunction = Callable[[Any, str, Mapping[str, Collection[int]], int], list[PathItem]]
# (user, model label, primary keys) -> those of them this user may tag with further paths
CanTagFunction = Callable[[Any, str, Collection[int]], set[int]]


@dataclass(frozen=True)
class PathProvider:
    key: str  # e.g. "dialogues"
    heading: Any  # a lazy translation: what the section shows, e.g. "Dialogues"
    order: int
    paths: frozenset[str]  # the paths every item of the module is on by its nature (no tag needed)
    models: frozenset[str]  # the model labels (lower case) whose objects it lists and may tag
    items: ItemsFunction
    can_tag: CanTagFunction
    rule: Any = None  # a rules predicate on the user: is the provider asked at all; None = everyone


@dataclass(frozen=True)
class PathSection:
    provider: PathProvider
    items: list[PathItem]
    more: bool  # there are more items than shown


_providers: dict[str, PathProvider] = {}


def register(provider: PathProvider) -> None:
    """Register (or replace) a provider; called from ``AppConfig.ready``."""
    unknown = set(provider.paths) - set(PATHS)
    if unknown:
        raise ValueError(f"Unknown paths {sorted(unknown)} for {provider.key!r}; use {PATHS}.")
    _providers[provider.key] = PathProvider(
        key=provider.key,
        heading=provider.heading,
        order=provider.order,
        paths=frozenset(provider.paths),
        models=frozenset(label.lower() for label in provider.models),
        items=provider.items,
        can_tag=provider.can_tag,
        rule=provider.rule,
    )


def providers() -> list[PathProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def provider_for(label: str) -> PathProvider | None:
    """The provider that answers for the model ``label``, or None."""
    label = label.lower()
    return next((p for p in providers() if label in p.models), None)


def _asks(provider: PathProvider, user: Any) -> bool:
    return provider.rule is None or (user is not None and bool(provider.rule.test(user)))


def sections_for(
    *, user: Any, path: str, tagged: Mapping[str, Collection[int]], limit: int = 8
) -> list[PathSection]:
    """One section per module with something on ``path`` that ``user`` may see, in the modules' order."""
    sections = []
    for provider in providers():
        if not _asks(provider, user):
            continue
        # Every provider is asked: its items may be on a path by their own data (a library item's path tags)
        # as well as by nature or by a person's tag.
        own = {label: tagged[label] for label in provider.models if tagged.get(label)}
        items = provider.items(user, path, own, limit + 1)
        if items:
            sections.append(PathSection(provider, items[:limit], more=len(items) > limit))
    return sections


def taggable(*, user: Any, label: str, pks: Collection[int]) -> set[int]:
    """Those of the objects ``label``/``pks`` that ``user`` may tag with further paths, by their app's rule."""
    provider = provider_for(label)
    if provider is None or not pks or user is None or not getattr(user, "is_authenticated", False):
        return set()
    if not _asks(provider, user):
        return set()
    return set(provider.can_tag(user, label.lower(), pks))


def may_tag(*, user: Any, label: str, pk: int) -> bool:
    """Whether ``user`` may tag the object with further paths, by its owning app's rule."""
    return pk in taggable(user=user, label=label, pks=[pk])


def natural_paths(label: str) -> frozenset[str]:
    """The paths the objects of ``label`` are on by their nature (no tag needed)."""
    provider = provider_for(label)
    return provider.paths if provider is not None else frozenset()


def on_path(
    queryset: "QuerySet[_M]", *, path: str, natural: Collection[str], tagged: Collection[int]
) -> "QuerySet[_M]":
    """A module's visible ``queryset`` narrowed to what is on ``path``: all of it when the module is on the path
    by nature, otherwise the objects a person tagged with it."""
    if path in natural:
        return queryset
    return queryset.filter(pk__in=list(tagged))


@dataclass(frozen=True)
class Shown:
    """What a path page shows of one object (``declare``'s ``show`` returns it)."""

    title: str
    url: str
    summary: str = ""
    date: dt.date | dt.datetime | None = None
    status_label: Any = ""
    kind_label: Any = None  # None: the section's own kind label


def declare(
    *,
    key: str,
    heading: Any,
    order: int,
    label: str,
    kind_label: Any,
    natural: Collection[str],
    may_change: Any,
    visible: "Callable[[Any], QuerySet[Any]] | None" = None,
    show: "Callable[[Any, Any], Shown] | None" = None,
    rule: Any = None,
    own_paths: "Callable[[str], Q] | None" = None,
    related: tuple[str, ...] = (),
    items: ItemsFunction | None = None,
) -> PathProvider:
    """One module's provider, declared instead of written out (what every ``paths.py`` had in common):

    - ``visible(user)``: the module's own visible queryset, ordered newest first (its list selector);
    - ``show(obj, user)``: what the page shows of an object (the user decides a staff or a public link);
    - ``may_change``: the owning app's rules predicate for changing an object, which is also who may tag it;
    - ``own_paths(path)``: a condition for the objects the module's own data puts on a path (library tags);
    - ``related``: what to ``select_related`` when the tag check reads the objects;
    - ``items``: a module whose items do not follow this shape (the farewell list) gives its own function.
    """
    from django.apps import apps
    from django.db.models import Q

    nature = frozenset(natural)
    if items is None and (visible is None or show is None):
        raise ValueError(f"{key!r}: give visible and show, or items.")

    def declared_items(
        user: Any, path: str, tagged: Mapping[str, Collection[int]], limit: int
    ) -> list[PathItem]:
        assert visible is not None and show is not None
        queryset = visible(user)
        if path not in nature:
            wanted = Q(pk__in=list(tagged.get(label, ())))
            if own_paths is not None:
                wanted |= own_paths(path)
            queryset = queryset.filter(wanted)
        found = []
        for obj in queryset[:limit]:
            shown = show(obj, user)
            found.append(
                PathItem(
                    label=label,
                    pk=obj.pk,
                    title=shown.title,
                    url=shown.url,
                    kind_label=shown.kind_label if shown.kind_label is not None else kind_label,
                    summary=shown.summary,
                    date=shown.date,
                    status_label=shown.status_label,
                )
            )
        return found

    def can_tag(user: Any, _label: str, pks: Collection[int]) -> set[int]:
        objects = apps.get_model(label)._default_manager.select_related(*related).filter(pk__in=list(pks))
        return {obj.pk for obj in objects if may_change.test(user, obj)}

    return PathProvider(
        key=key,
        heading=heading,
        order=order,
        paths=nature,
        models=frozenset({label}),
        items=items or declared_items,
        can_tag=can_tag,
        rule=rule,
    )


# --- The pivots as lenses ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lens:
    name: str  # the pivot's name, exactly as the seed names it
    text: str
    questions: tuple[str, ...] = field(default=())
    url: str = ""


LensFunction = Callable[[], list[Lens]]
_lenses: list[LensFunction] = []


def register_lenses(function: LensFunction) -> None:
    if function not in _lenses:
        _lenses.append(function)


def lenses() -> list[Lens]:
    """The reflection lenses (the three pivots), in their order; empty when no app provides them."""
    return [lens for function in _lenses for lens in function()]
