"""The rate limiter's one command on Redis, sent on a connection of the cache's own pool: a connection that
Redis dropped is made again, a Redis that is away fails the attempt as the Redis client does, and no client
object is made per attempt."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from kompas.core import ratelimit
from kompas.core.tests.test_ratelimit import REDIS_URL, redis_reachable


def _on(location: str) -> override_settings:
    return override_settings(
        CACHES={"default": {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": location}}
    )


@pytest.fixture
def scope(settings):
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "test_scope": (3, 60)}
    return "test_scope"


def _pool():
    return caches["default"]._cache._get_connection_pool(True)


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_a_connection_that_redis_dropped_is_made_again(scope):
    with _on(REDIS_URL):
        backend = caches["default"]
        backend.clear()
        try:
            assert ratelimit.hit(scope, "dropped")
            connection = _pool().get_connection()
            connection.send_command("CLIENT", "ID")
            client_id = connection.read_response()
            _pool().release(connection)
            other = redis.Redis.from_url(REDIS_URL)
            assert other.client_kill_filter(_id=client_id) == 1
            other.close()
            assert [ratelimit.hit(scope, "dropped") for _ in range(3)] == [True, True, False]
            assert not _pool()._in_use_connections
        finally:
            backend.clear()


def test_a_redis_that_is_away_fails_the_attempt_as_the_client_does(scope):
    with _on("redis://127.0.0.1:1/0"):  # nothing listens there
        with pytest.raises(redis.exceptions.ConnectionError):
            ratelimit.hit(scope, "away")
        with pytest.raises(redis.exceptions.ConnectionError):
            caches["default"].get("anything")  # what the cache itself does then
        assert not _pool()._in_use_connections


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_an_attempt_makes_no_client_object(scope, monkeypatch):
    """The command goes straight to a pooled connection: the client's layers around one command cost more CPU
    than the script it runs."""
    with _on(REDIS_URL):
        backend = caches["default"]
        backend.clear()
        try:
            assert ratelimit.hit(scope, "no-client")

            def refuse(*args, **kwargs):
                raise AssertionError("a Redis client object was made")

            monkeypatch.setattr(redis.Redis, "__init__", refuse)
            assert [ratelimit.hit(scope, "no-client") for _ in range(3)] == [True, True, False]
        finally:
            monkeypatch.undo()
            backend.clear()
