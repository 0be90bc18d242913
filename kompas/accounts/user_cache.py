"""The signed-in user's row from the cache instead of a query on every request (ADR 0027).

Every signed-in request read the user's row from the database to find who is signed in. The authentication
backends now keep the row they return in the shared cache, under a stamp per user (``kompas.core.versions``)
that every change of the row advances, whatever path wrote it: ``save`` and ``delete`` (the ``post_save`` and
``post_delete`` receivers below: a new name, a new password, a deactivation, the last login), and the roles'
stamp, which ``role_session`` advances with ``update()``. The stamp is read before the row, so a copy made from
the data before a change is stored under a stamp nobody asks for after it.

The copy holds no password hash: a user made from it has the password deferred (the first use, such as
checking the old password in a form, reads it from the database) and carries the session hash that Django
compares with the session's, computed from the password with this process' secret key when the copy was
made; the key's digest is part of the cache key, so processes with another secret key never share copies.
A backend's decision (``ModelBackend`` refuses inactive users) depends only on the row, so caching what it
returned is exact.

The same cache round trip reads the versions every reader's page reads first (the content and the personal
version, ``kompas.core.page_cache.read_with_user``): a signed-in page asks the cache once less.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import load_backend
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save

from kompas.core import page_cache, versions

from .models import User

TIMEOUT = 60 * 60
# Read with the stamp and the row: the versions every reader's page reads first (``page_cache.read_with_user``).
_READER_ENTRIES = tuple(versions.entry(key) for key in page_cache.READER_VERSIONS)


def stamp_key(pk: object) -> str:
    return f"user:{pk}"


def changed(*pks: object) -> None:
    """The rows of these users changed (call where they are written without ``save``)."""
    for pk in pks:
        versions.bump(stamp_key(pk))


def _row_key(backend: str, pk: object) -> str:
    secret = hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:16]
    return f"kompas:user-row:{secret}:{backend}:{pk}"


def get_user(backend: str, pk: object, load: Any) -> User | None:
    """The user ``load(pk)`` returns (the backend's own lookup), from the cache when the row is unchanged. The
    versions every reader's page reads first come in the same round trip (``page_cache.read_with_user``)."""
    row_key = _row_key(backend, pk)
    stamp, found = versions.current_with(stamp_key(pk), row_key, *_READER_ENTRIES)
    stored = found.get(row_key)
    if stored is not None and stored[0] == stamp:
        _, names, values, session_hash = stored
        user = User.from_db(DEFAULT_DB_ALIAS, names, values)
        user._session_auth_hash = session_hash  # type: ignore[attr-defined]
    else:
        user = load(pk)
        if isinstance(user, User):
            fields = [f.attname for f in User._meta.concrete_fields if f.attname != "password"]
            values = [getattr(user, name) for name in fields]
            cache.set(row_key, (stamp, fields, values, user.get_session_auth_hash()), TIMEOUT)
    if isinstance(user, User):
        page_cache.read_with_user(user, found)
    return user


class CachedUserMixin:
    """For an authentication backend: ``get_user`` through the cache."""

    def get_user(self, user_id: Any) -> Any:
        return get_user(type(self).__name__, user_id, super().get_user)  # type: ignore[misc]


def _saved_or_deleted(sender: type, instance: User, **kwargs: Any) -> None:
    if instance.pk is not None:
        changed(instance.pk)


def _logged_in(sender: type, request: Any, user: Any, **kwargs: Any) -> None:
    """Fill the copy at login (after the last login is saved), through the backend that signed the user in, so
    the first page after it reads no row either."""
    path = getattr(user, "backend", None)
    if path and isinstance(user, User):
        backend = load_backend(path)
        if isinstance(backend, CachedUserMixin):
            backend.get_user(user.pk)


def register() -> None:
    post_save.connect(_saved_or_deleted, sender=User, dispatch_uid="accounts.user_cache.save")
    post_delete.connect(_saved_or_deleted, sender=User, dispatch_uid="accounts.user_cache.delete")
    user_logged_in.connect(_logged_in, dispatch_uid="accounts.user_cache.logged_in")
