"""The cache backends: Redis with the commands a page makes on every request sent directly, and a database cache
whose ``incr`` is atomic and keeps the entry's expiry.

``RedisCache`` is Django's, with ``get``, ``get_many`` and ``set`` sent on a connection of its pool without
redis-py's client object around each command (``redis_direct``): the session, the user's row and a cached page
cost about a tenth less CPU each. Everything else (``incr``, ``add``, ``set_many``, ``clear`` …) is Django's.

The database cache:

Production without Redis uses this as its default cache (config/settings/production.py; ADR 0016), so every
web process shares the rate-limit counts. Django's own ``DatabaseCache`` inherits ``BaseCache.incr``, which
reads, adds and writes the value back with the *default* timeout: two processes can lose a count, and every
increment moves the expiry (a 15-minute window became five minutes from the last attempt). Here the row is
locked for the update (``SELECT ... FOR UPDATE`` where the database has it; SQLite serialises writers anyway)
and only the value changes.
"""

import base64
import pickle
from collections.abc import Iterable
from typing import Any, cast

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

from . import redis_direct


class DirectRedisCacheClient(RedisCacheClient):
    """Django's client; the three commands of every request go straight onto a pooled connection."""

    def get(self, key: Any, default: Any) -> Any:
        client = cast(Any, self)  # the pool and the serializer: Django's, not in django-stubs
        value = redis_direct.command(client._get_connection_pool(False), "GET", key)
        return default if value is None else client._serializer.loads(value)

    def get_many(self, keys: Iterable[Any]) -> dict[Any, Any]:
        client = cast(Any, self)
        keys = list(keys)
        if not keys:
            return {}
        values = redis_direct.command(client._get_connection_pool(False), "MGET", *keys)
        return {
            key: client._serializer.loads(value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        if timeout == 0:  # Django's meaning: the entry goes
            super().set(key, value, timeout)
            return
        client = cast(Any, self)
        expiry: tuple[object, ...] = () if timeout is None else ("EX", timeout)
        redis_direct.command(
            client._get_connection_pool(True), "SET", key, client._serializer.dumps(value), *expiry
        )


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = DirectRedisCacheClient


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)  # type: ignore[attr-defined]  # set by Django, not in django-stubs
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now())
        key_column, value_column = quote_name("cache_key"), quote_name("value")
        select = (
            f"SELECT {value_column} FROM {table} "  # noqa: S608 (quoted names; the values are bound)
            f"WHERE {key_column} = %s AND {quote_name('expires')} > %s{lock}"
        )
        update = f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s"  # noqa: S608
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key, now])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            stored = base64.b64decode(connection.ops.process_clob(row[0]).encode())
            value: int = pickle.loads(stored) + delta  # noqa: S301 (our own cache table, read as Django's cache does)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(update, [encoded, key])
        return value

    def decr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return self.incr(key, -delta, version=version)
