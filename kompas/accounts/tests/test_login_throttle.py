"""Every login form is throttled per account and per client, in a store all web processes share (ADR 0016)."""

import pytest
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from kompas.accounts import login_throttle
from kompas.core import ratelimit
from kompas.core.cache_backends import DatabaseCache

ADMIN = "admin@test.kompas.dk"


def limits(settings, **scopes):
    settings.KOMPAS_RATE_LIMITS = {**settings.KOMPAS_RATE_LIMITS, **scopes}


def site_login(client, email, password, **extra):
    return client.post(reverse("accounts:login"), {"email": email, "password": password}, **extra)


def admin_login(client, email, password, **extra):
    return client.post(
        reverse("admin:login"), {"username": email, "password": password, "next": "/admin/"}, **extra
    )


@pytest.mark.django_db
def test_admin_login_is_locked_after_n_failures_even_for_the_right_password(client, role_users, settings):
    limits(settings, login_account=(3, 900))
    assert admin_login(client, ADMIN, PASSWORD).status_code == 302  # the admin can log in at all
    client.logout()
    for _ in range(3):
        admin_login(client, ADMIN, "forkert")
    response = admin_login(client, ADMIN, PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "locked")
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_failures_in_the_site_login_lock_the_admin_login_too(client, role_users, settings):
    limits(settings, login_account=(2, 900))
    for _ in range(2):
        site_login(client, ADMIN, "forkert")
    response = admin_login(client, ADMIN, PASSWORD)
    assert response.context["form"].has_error("__all__", "locked")


@pytest.fixture
def database_cache(settings, db):
    """A database cache table, as production without Redis uses."""
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "kompas.core.cache_backends.DatabaseCache", "LOCATION": "kompas_cache_test"},
    }
    call_command("createcachetable", verbosity=0)
    return "kompas_cache_test"


def two_processes(monkeypatch, make_cache):
    """Two web processes, each with its own cache client; the failures alternate between them."""
    caches = [make_cache(), make_cache()]
    state = {"turn": 0}

    def switch():
        monkeypatch.setattr(ratelimit, "cache", caches[state["turn"] % 2])
        state["turn"] += 1

    return switch


@pytest.mark.django_db
def test_the_lock_is_shared_between_processes_through_the_database_cache(
    client, role_users, settings, monkeypatch, database_cache
):
    limits(settings, login_account=(4, 900))
    switch = two_processes(monkeypatch, lambda: DatabaseCache(database_cache, {}))
    for _ in range(4):
        switch()
        admin_login(client, ADMIN, "forkert")
    switch()
    assert admin_login(client, ADMIN, PASSWORD).context["form"].has_error("__all__", "locked")


@pytest.mark.django_db
def test_process_local_caches_would_not_share_the_lock(client, role_users, settings, monkeypatch):
    """The reason production refuses LocMem: two workers, four failures, and nobody is locked."""
    limits(settings, login_account=(4, 900))
    counter = iter(range(100))
    switch = two_processes(monkeypatch, lambda: LocMemCache(f"worker-{next(counter)}", {}))
    for _ in range(4):
        switch()
        admin_login(client, ADMIN, "forkert")
    switch()
    assert admin_login(client, ADMIN, PASSWORD).status_code == 302


def test_spoofed_forwarded_for_is_ignored_when_no_proxy_header_is_trusted(client, db, settings):
    settings.KOMPAS_TRUSTED_PROXY_HEADER = ""
    limits(settings, login_client=(3, 900))
    for n in range(3):
        site_login(
            client,
            f"ukendt{n}@example.dk",
            "forkert",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert login_throttle.is_locked(address="203.0.113.9")
    response = site_login(
        client, "ny@example.dk", "forkert", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert response.context["form"].has_error("__all__", "locked")


def test_behind_the_trusted_proxy_one_client_does_not_lock_out_everyone(client, db, settings):
    settings.KOMPAS_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.KOMPAS_TRUSTED_PROXY_COUNT = 1
    limits(settings, login_client=(3, 900))
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(3):
        # The attacker writes its own X-Forwarded-For; the proxy appends the address it saw.
        site_login(
            client, f"x{n}@example.dk", "forkert", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7", **proxy
        )
    assert login_throttle.is_locked(address="198.51.100.7")
    assert not login_throttle.is_locked(address="10.0.0.2")
    other = site_login(client, "y@example.dk", "forkert", HTTP_X_FORWARDED_FOR="192.0.2.44", **proxy)
    assert other.context["form"].has_error("__all__", "invalid_login")


@pytest.mark.django_db
def test_password_reset_stops_sending_mail_but_answers_the_same(client, role_users, settings):
    limits(settings, password_reset_account=(3, 3600), password_reset_client=(5, 3600))
    url = reverse("accounts:password-reset")
    responses = [client.post(url, {"email": "borger@test.kompas.dk"}) for _ in range(6)]
    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("accounts:password-reset-done"))
    }
    # Per client too: other accounts from the same address get two more mails, then nothing.
    client.post(url, {"email": "leder@test.kompas.dk"})
    client.post(url, {"email": "medarbejder@test.kompas.dk"})
    client.post(url, {"email": "admin@test.kompas.dk"})
    assert len(mail.outbox) == 3  # the client had used its five requests on the first account
    client.post(url, {"email": "leder@test.kompas.dk"}, REMOTE_ADDR="192.0.2.10")
    assert len(mail.outbox) == 4


def oidc_callback(query: dict, address: str):
    from kompas.accounts.oidc import KompasOIDCCallbackView

    request = RequestFactory().get("/oidc/callback/", query, REMOTE_ADDR=address)
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return KompasOIDCCallbackView.as_view()(request)


def test_oidc_callback_failures_count_per_client_and_a_locked_client_is_turned_away(
    db, settings, monkeypatch
):
    settings.USE_OIDC = True  # the OIDC views answer 404 while it is off
    limits(settings, login_client=(3, 900))
    for _ in range(3):
        assert oidc_callback({"error": "access_denied"}, "198.51.100.20").status_code == 302
    assert login_throttle.is_locked(address="198.51.100.20")
    assert not login_throttle.is_locked(address="198.51.100.21")

    def must_not_authenticate(*args, **kwargs):
        raise AssertionError("a locked client must not reach the identity provider's token endpoint")

    monkeypatch.setattr("mozilla_django_oidc.views.auth.authenticate", must_not_authenticate)
    session_with_state = oidc_callback({"code": "c", "state": "s"}, "198.51.100.20")
    assert session_with_state.status_code == 302
