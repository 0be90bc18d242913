"""The Redis cache sends ``get``, ``get_many`` and ``set`` straight onto a pooled connection (``redis_direct``):
it must answer exactly as Django's own Redis cache does, survive a connection Redis dropped, fail as the client
fails while Redis is away, and leave no connection checked out."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from kompas.core.tests.test_ratelimit import REDIS_URL, redis_reachable

OURS = "kompas.core.cache_backends.RedisCache"
DJANGOS = "django.core.cache.backends.redis.RedisCache"

needs_redis = pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")


def _on(backend: str, location: str = REDIS_URL) -> override_settings:
    return override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": location}})


def _story(cache) -> list[object]:
    """What a sequence of the three commands answers, with every kind of value the site stores."""
    cache.clear()
    values = {
        "n": 7,
        "text": "Æblegrød & ø",
        "page": (200, "text/html", b"<p>x</p>" * 3000),
        "data": {"a": [1, 2]},
    }
    seen: list[object] = []
    for key, value in values.items():
        cache.set(key, value, 60)
        seen.append(cache.get(key))
    cache.set("forever", "stays", None)
    cache.set("gone", "now", 0)
    seen += [cache.get("missing"), cache.get("missing", "default"), cache.get("gone", "default")]
    seen.append(cache.get_many(["n", "missing", "page", "forever"]))
    seen.append(cache.get_many([]))
    raw = cache._cache.get_client(write=True)
    seen += [raw.ttl(cache.make_key("forever")), 0 < raw.ttl(cache.make_key("n")) <= 60]
    seen.append(cache.incr("n", 2))  # still a plain integer in Redis, as Django stores it
    cache.clear()
    return seen


@needs_redis
def test_the_direct_commands_answer_as_djangos_redis_cache_does():
    with _on(DJANGOS):
        expected = _story(caches["default"])
    with _on(OURS):
        assert _story(caches["default"]) == expected
        assert not caches["default"]._cache._get_connection_pool(True)._in_use_connections
    assert expected[0] == 7 and expected[-3] == -1  # the story did store and read


@needs_redis
def test_a_connection_that_redis_dropped_is_made_again():
    with _on(OURS):
        cache = caches["default"]
        cache.set("kept", "value", 60)
        pool = cache._cache._get_connection_pool(False)
        connection = pool.get_connection()
        connection.send_command("CLIENT", "ID")
        client_id = connection.read_response()
        pool.release(connection)
        other = redis.Redis.from_url(REDIS_URL)
        assert other.client_kill_filter(_id=client_id) == 1
        other.close()
        assert cache.get("kept") == "value"
        assert cache.get_many(["kept"]) == {"kept": "value"}
        cache.delete("kept")
        assert not pool._in_use_connections


def test_a_redis_that_is_away_fails_as_the_client_does():
    with _on(OURS, "redis://127.0.0.1:1/0"):  # nothing listens there
        cache = caches["default"]
        for attempt in (lambda: cache.get("a"), lambda: cache.get_many(["a"]), lambda: cache.set("a", 1, 5)):
            with pytest.raises(redis.exceptions.ConnectionError):
                attempt()
        assert not cache._cache._get_connection_pool(True)._in_use_connections


@needs_redis
def test_the_three_commands_make_no_client_object(monkeypatch):
    with _on(OURS):
        cache = caches["default"]
        cache.set("warm", 1, 60)

        def refuse(*args, **kwargs):
            raise AssertionError("a Redis client object was made")

        monkeypatch.setattr(redis.Redis, "__init__", refuse)
        cache.set("page", b"x", 60)
        assert cache.get("page") == b"x" and cache.get_many(["page", "warm"]) == {"page": b"x", "warm": 1}
        monkeypatch.undo()
        cache.delete_many(["warm", "page"])
