"""A read replica for the reads that may lag a little (docs/operations.md).

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database alias (a PostgreSQL streaming
replica) and turn on ``KOMPAS_REPLICA_READS``. Reads still go to the primary (``default``) unless a selector is
marked :func:`replica_reads`: aggregate, read-only pages where a second of replication lag is harmless (the value
map's overview). Everything else – sessions, the cache table, rate-limit counts, permission checks, forms –
reads from the primary, so nobody is ever shown a stale login or their own edit missing.

Inside a marked selector the reads still stay on the primary when

* this request (or task) has already written: the router pins it to the primary from its first write on, so a
  page that saves and then shows a summary sees what it saved;
* the primary connection is inside a transaction (``atomic``): the transaction's own rows are not replicated yet.

Writes and migrations always go to the primary; the replica is never migrated (replication copies the schema).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

if TYPE_CHECKING:
    from django.db.models import Model

REPLICA = "replica"
# Never read these from the replica, even inside a marked selector: they must be current to the request.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "auth", "accounts"})

_replica_allowed: ContextVar[bool] = ContextVar("kompas_replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("kompas_db_wrote", default=False)

P = ParamSpec("P")
R = TypeVar("R")


def replica_enabled() -> bool:
    return bool(getattr(settings, "KOMPAS_REPLICA_READS", False)) and REPLICA in connections.settings


def _replica_now(model: type[Model] | None = None) -> bool:
    if not (_replica_allowed.get() and replica_enabled()) or _wrote.get():
        return False
    if model is not None and model._meta.app_label in PRIMARY_ONLY_APPS:
        return False
    return not connections[DEFAULT_DB_ALIAS].in_atomic_block


@contextmanager
def replica_allowed() -> Iterator[None]:
    """Reads in this block may go to the replica (if there is one and nothing has been written yet)."""
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_reads(selector: Callable[P, R]) -> Callable[P, R]:
    """Marks a read-only selector whose result may lag the primary by the replication delay.

    Querysets are routed when they run, so a returned (lazy) queryset is bound to the alias chosen here.
    """

    @functools.wraps(selector)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with replica_allowed():
            result = selector(*args, **kwargs)
            if isinstance(result, QuerySet) and _replica_now(result.model):
                result = result.using(REPLICA)
        return result

    return wrapper


def _from_replica(hints: dict[str, Any]) -> bool:
    instance = hints.get("instance")
    return instance is not None and instance._state.db == REPLICA


def start_of_request(**_kwargs: object) -> None:
    """A new request (or Celery task) starts unpinned: connected to ``request_started`` in CoreConfig.ready."""
    _wrote.set(False)


class PrimaryReplicaRouter:
    """Writes to the primary and pins the request there; reads to the replica only inside marked selectors."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if _replica_now(model):
            return REPLICA
        # An object read from the replica does not drag later reads (its relations) there.
        return DEFAULT_DB_ALIAS if _from_replica(hints) else None  # None: Django's default

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        _wrote.set(True)
        # Never write to the replica, not even an object that was read from it.
        return DEFAULT_DB_ALIAS if _from_replica(hints) else None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        return True if {obj1._state.db, obj2._state.db} <= aliases else None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        return False if db == REPLICA else None
