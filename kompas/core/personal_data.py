"""The GDPR registry: each app declares the personal data it holds and how to export and erase it.

An app registers a ``Provider`` in ``AppConfig.ready``. The staff actions in ``kompas.accounts`` (export a
person as JSON, erase a person) walk every registered provider, so a new app is covered by registering.
Erasure anonymises: rows that statistics or the law need are kept without the person in them, and each
provider says what it keeps and why (``kept``), which the erase receipt shows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Provider:
    key: str  # e.g. "accounts.user"
    description: "StrOrPromise"  # what personal data this is, in Danish for the staff page
    export: Callable[[Any], Any]  # user -> JSON-serialisable data
    erase: Callable[[Any], int]  # user -> number of rows anonymised or removed
    kept: "StrOrPromise" = ""  # what is kept on erasure, and the legal reason
    order: int = 100
    tags: tuple[str, ...] = field(default=())


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _providers[provider.key] = provider


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))
