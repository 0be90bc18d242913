"""With REDIS_URL set, the login counts live in Redis, so every web process sees the same lockout."""

import os
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from kompas.accounts import login_throttle

REDIS_URL = os.environ.get("KOMPAS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_lockout_counts_are_shared_through_redis(settings):
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, "login_account": (2, 900)}
    redis_cache = {"default": {"BACKEND": "kompas.core.cache_backends.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=redis_cache):
        caches["default"].clear()
        try:
            login_throttle.register_failure(email="a@b.dk", address="10.0.0.1")
            login_throttle.register_failure(email="a@b.dk", address="10.0.0.2")
            assert login_throttle.is_locked(email="A@b.dk", address="10.0.0.3")
            login_throttle.reset(email="a@b.dk")
            assert not login_throttle.is_locked(email="a@b.dk", address="10.0.0.3")
        finally:
            caches["default"].clear()
