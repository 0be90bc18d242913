"""Backlinks: a page shows where its object is cited by content of an app higher up in the layers.

A council proposal cites goals, dialogue forums and trials, but those apps sit below the proposals in the
layers (docs/architecture.md), so they cannot ask the proposals about it. Instead the higher app registers a
*provider* in ``AppConfig.ready``: for a model label (``"goals.goal"``) and a primary key it returns the
links a given user may see, in a fixed number of queries. The cited page asks this registry through the
template tag ``{% backlinks goal as groups %}`` (or ``{% backlinks_section goal %}``) and never learns who
answered. Nothing here knows the proposals.

A provider keeps what is the same for every reader (all the citing rows) with ``shared``, under the content
version, and picks from it per reader by its own app's rule, so a page costs no query for its backlinks.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from . import fragments, versions

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser
    from django.db.models import Model


@dataclass(frozen=True)
class Backlink:
    label: str  # e.g. the proposal's title
    url: str
    kind_label: str  # what the citing thing is, e.g. "Council proposal"
    status_label: str = ""  # e.g. "Draft" or "Decided"


@dataclass(frozen=True)
class BacklinkGroup:
    heading: Any  # a lazy translation, e.g. "Cited in council proposals"
    links: tuple[Backlink, ...]


# (user, model label in lower case, primary key) -> the links this user may see
ProviderFunction = Callable[[Any, str, int], list[Backlink]]


@dataclass(frozen=True)
class Provider:
    key: str  # e.g. "proposals"
    heading: Any  # a lazy translation
    models: frozenset[str]  # the model labels it answers for, in lower case ("goals.goal")
    links: ProviderFunction
    order: int = 100


_providers: dict[str, Provider] = {}

SHARED_TIMEOUT = 60 * 60
# The content version read once for all the providers of one backlinks_for call.
_version: ContextVar[list[int | None] | None] = ContextVar("kompas_backlinks_version", default=None)
T = TypeVar("T")


def shared(*, name: str, label: str, pk: int, build: Callable[[], T]) -> T:
    """What a provider reads the same for every reader (all the citing rows, before it keeps those the reader
    may see), cached under the content version: every writing service bumps it, so a change shows on the next
    view. ``build`` runs only on a miss; it must return plain values (it is pickled)."""
    known = _version.get()  # inside backlinks_for: [the version its first provider read, or None]
    version = known[0] if known else None
    if version is None:
        version = versions.current("content")  # before the rows, so a change after it means a new key
        if known is not None:
            known[0] = version
    return fragments.cached(f"kompas:backlinks:{name}:{label}:{pk}:{version}", build, SHARED_TIMEOUT)


def register(provider: Provider) -> None:
    """Register (or replace) a provider; called from ``AppConfig.ready``."""
    _providers[provider.key] = Provider(
        key=provider.key,
        heading=provider.heading,
        models=frozenset(label.lower() for label in provider.models),
        links=provider.links,
        order=provider.order,
    )


def providers() -> dict[str, Provider]:
    return dict(_providers)


def model_label(obj: "Model") -> str:
    return obj._meta.label_lower


def backlinks_for(
    *,
    user: "_AnyUser | None",
    obj: "Model | None" = None,
    label: str = "",
    pk: int | None = None,
    version: int | None = None,
) -> list[BacklinkGroup]:
    """The groups of links to show on the page of ``obj`` (or of the object named by ``label`` and ``pk``).

    Only providers registered for the object's model are asked; a group with no visible link is left out.
    ``version`` is the content version the request has already read (before any data), when it has; otherwise
    the first provider reads it.
    """
    if obj is not None:
        label, pk = model_label(obj), obj.pk
    label = label.lower()
    if not label or pk is None:
        return []
    groups = []
    token = _version.set([version])
    try:
        for provider in sorted(_providers.values(), key=lambda p: (p.order, p.key)):
            if label not in provider.models:
                continue
            links = tuple(provider.links(user, label, pk))
            if links:
                groups.append(BacklinkGroup(heading=provider.heading, links=links))
    finally:
        _version.reset(token)
    return groups
