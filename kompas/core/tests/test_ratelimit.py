"""The one rate limiter (kompas.core.ratelimit), its shared store and the checks that guard production."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import RequestFactory

from kompas.core import ratelimit
from kompas.core.checks import check_shared_cache, check_trusted_proxy


@pytest.fixture
def scope(settings):
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "test_scope": (3, 60)}
    return "test_scope"


def test_hit_allows_the_limit_then_refuses_and_reset_clears(scope):
    assert [ratelimit.hit(scope, "a@b.dk") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.is_limited(scope, "A@B.dk ")  # keys are normalised
    assert not ratelimit.is_limited(scope, "other@b.dk")
    assert 0 < ratelimit.retry_after(scope, "a@b.dk") <= 60
    ratelimit.reset(scope, "a@b.dk")
    assert not ratelimit.is_limited(scope, "a@b.dk") and ratelimit.retry_after(scope, "a@b.dk") == 0


def test_is_limited_records_nothing_and_keys_are_hashed(scope):
    for _ in range(10):
        assert not ratelimit.is_limited(scope, "a@b.dk")
    ratelimit.hit(scope, "a@b.dk")
    count_key, _ = ratelimit._keys(scope, "a@b.dk")
    assert "a@b.dk" not in count_key and caches["default"].get(count_key) == 1


REDIS_URL = os.environ.get("KOMPAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_on_redis_one_round_trip_counts_and_the_window_expires(scope, settings):
    """The Redis path (one script per attempt) counts like the generic one and gives the count an expiry, also
    after Redis lost its scripts (a restart)."""
    from django.test import override_settings

    redis_cache = {"default": {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=redis_cache):
        backend = caches["default"]
        backend.clear()
        try:
            assert [ratelimit.hit(scope, "a@b.dk") for _ in range(4)] == [True, True, True, False]
            assert ratelimit.is_limited(scope, "A@B.dk ") and not ratelimit.is_limited(scope, "c@d.dk")
            assert 0 < ratelimit.retry_after(scope, "a@b.dk") <= 60
            count_key, start_key = ratelimit._keys(scope, "a@b.dk")
            assert backend.get(count_key) == 4 and abs(backend.get(start_key) - time.time()) < 5
            client = backend._cache.get_client(None)
            assert 0 < client.ttl(backend.make_and_validate_key(count_key)) <= 60
            ratelimit.reset(scope, "a@b.dk")
            assert ratelimit.hit(scope, "a@b.dk") and ratelimit.retry_after(scope, "a@b.dk") > 0
            client.script_flush()
            assert ratelimit.hit(scope, "a@b.dk") and backend.get(count_key) == 2
        finally:
            backend.clear()


@pytest.mark.parametrize("on_redis", [False, True])
def test_hit_reading_counts_and_reads_entries_as_the_cache_gives_them(scope, on_redis):
    """The count and other cache entries in one call (the vote API's limit and content version): the entries
    are what ``cache.get_many`` gives (numbers, pickled values, nothing for a missing one), on Redis in the
    same script as the count."""
    from django.test import override_settings

    if on_redis and not redis_reachable():
        pytest.skip("no Redis on 127.0.0.1:6379")
    location = {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": REDIS_URL}
    cache_settings = {"default": location} if on_redis else {}
    with override_settings(**({"CACHES": cache_settings} if on_redis else {})):
        backend = caches["default"]
        backend.clear()
        try:
            backend.set("version", 4_611_686_018_427_387_904)
            backend.set("object", {"title": "Skolevej", "votes": [1, -1]})
            names = ["version", "missing", "object"]
            answers = [ratelimit.hit_reading(scope, "voter", names) for _ in range(4)]
            assert [allowed for allowed, _ in answers] == [True, True, True, False]
            assert all(found == backend.get_many(names) for _, found in answers)
            assert answers[0][1] == {
                "version": 4_611_686_018_427_387_904,
                "object": {"title": "Skolevej", "votes": [1, -1]},
            }
            assert ratelimit.hit_reading(scope, "someone else", []) == (True, {})
            assert 0 < ratelimit.retry_after(scope, "voter") <= 60
        finally:
            backend.clear()


def test_an_unknown_scope_is_an_error():
    with pytest.raises(KeyError, match="KOMPAS_RATE_LIMITS"):
        ratelimit.hit("no_such_scope", "x")


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_client_address_ignores_forwarded_for_unless_a_proxy_header_is_trusted(settings):
    settings.KOMPAS_TRUSTED_PROXY_HEADER = ""
    assert ratelimit.client_address(request_from("203.0.113.5", "1.1.1.1")) == "203.0.113.5"


def test_client_address_takes_the_right_most_hops_of_the_trusted_header(settings):
    settings.KOMPAS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.KOMPAS_TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_address(request_from("10.0.0.2", "6.6.6.6, 198.51.100.7")) == "198.51.100.7"
    settings.KOMPAS_TRUSTED_PROXY_COUNT = 2
    assert (
        ratelimit.client_address(request_from("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.9"))
        == "198.51.100.7"
    )
    # Too few hops or garbage: fall back to the proxy's own address rather than trust the client's text.
    assert ratelimit.client_address(request_from("10.0.0.2", "198.51.100.7")) == "10.0.0.2"
    settings.KOMPAS_TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"


@pytest.mark.django_db
def test_the_database_cache_increments_in_place_and_keeps_the_expiry(settings):
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "kompas.core.cache_backends.DatabaseCache", "LOCATION": "kompas_cache_test"},
    }
    call_command("createcachetable", verbosity=0)
    from kompas.core.cache_backends import DatabaseCache

    first, second = DatabaseCache("kompas_cache_test", {}), DatabaseCache("kompas_cache_test", {})
    assert first.add("k", 0, 2)
    assert [first.incr("k"), second.incr("k"), first.incr("k", 5)] == [1, 2, 7]
    assert second.get("k") == 7
    time.sleep(2.5)  # the expiry set by add still holds: incr did not push it to the default five minutes
    with pytest.raises(ValueError):
        second.incr("k")


def test_production_refuses_a_process_local_cache(settings):
    settings.KOMPAS_REQUIRE_SHARED_CACHE = True
    for backend, code in [
        ("django.core.cache.backends.locmem.LocMemCache", "kompas.E010"),
        ("django.core.cache.backends.dummy.DummyCache", "kompas.E010"),
        ("django.core.cache.backends.db.DatabaseCache", "kompas.E011"),
    ]:
        settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
        assert [e.id for e in check_shared_cache(None)] == [code]
    for backend in (
        "kompas.core.cache_backends.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
        "kompas.core.cache_backends.RedisCache",
    ):
        settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
        assert check_shared_cache(None) == []
    settings.KOMPAS_REQUIRE_SHARED_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert check_shared_cache(None) == []  # the embedded default and the tests run in one process


def test_a_misnamed_proxy_header_is_an_error(settings):
    settings.KOMPAS_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    assert [e.id for e in check_trusted_proxy(None)] == ["kompas.E012"]
    settings.KOMPAS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    assert check_trusted_proxy(None) == []


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "kompas.core.cache_backends.DatabaseCache"),
        ("redis://r:6379/0", "kompas.core.cache_backends.RedisCache"),
    ],
)
def test_production_settings_share_the_cache_with_or_without_redis(redis_url, backend):
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "kompas.example.dk",
        "DATABASE_URL": "sqlite:///tmp/never-opened.sqlite3",
        "REDIS_URL": redis_url,
    }
    code = "import config.settings.production as p; print(p.CACHES['default']['BACKEND'], p.KOMPAS_REQUIRE_SHARED_CACHE)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(backend) and out.stdout.strip().endswith("True")
