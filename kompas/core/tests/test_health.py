"""/healthz, for the load balancer: 200 with every check ok, 503 naming the failed check, never a secret."""

import pytest
from django.test import override_settings
from django.urls import reverse

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "kompas.core.cache_backends.RedisCache",
        "LOCATION": "redis://:s3cret-password@127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.mark.django_db
def test_healthz_answers_200_when_database_cache_and_broker_answer(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    # The tests run Celery in-process: there is no broker to reach.
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "not used"},
    }


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_failed_check_without_its_reason(client, caplog):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "cache": "error", "broker": "not used"},
    }
    assert b"s3cret" not in response.content and b"127.0.0.1" not in response.content
    assert "health check cache failed" in caplog.text


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_away(client, monkeypatch):
    from django.db import OperationalError

    from kompas.core import health

    def away():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", away)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_https_redirect_in_production(client, monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///unused.sqlite3")
    sys.modules.pop("config.settings.production", None)
    production = importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)
    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=production.SECURE_REDIRECT_EXEMPT
    ):
        assert client.get("/healthz").status_code == 200
        assert client.get(reverse("core:home")).status_code == 301
