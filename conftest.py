"""Fixtures shared by every test: one user per role, and a clean cache (login counts live there)."""

import os
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from kompas.core.roles import RoleCode

# Property tests must not fail because the machine is busy: no per-example deadline and no "too slow to
# generate" health check (a loaded CI machine once failed kompas/collaborations/tests/test_results.py that way).
# A failure prints the blob for @reproduce_failure. In CI (CI=true) the examples are derandomized: every run
# tries the same examples, so a green run stays green and a red one fails again on a re-run.
_HYPOTHESIS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "print_blob": True,
}
hypothesis_settings.register_profile("kompas", **_HYPOTHESIS)
hypothesis_settings.register_profile("ci", **_HYPOTHESIS, derandomize=True, database=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "kompas")

ROLE_USERS = {
    "citizen": ("borger@test.kompas.dk", "Bo Borger", [RoleCode.CITIZEN]),
    "employee": ("medarbejder@test.kompas.dk", "Maja Medarbejder", [RoleCode.EMPLOYEE]),
    "leader": ("leder@test.kompas.dk", "Lars Leder", [RoleCode.EMPLOYEE, RoleCode.LEADER]),
    "programme": ("programstab@test.kompas.dk", "Pia Programstab", [RoleCode.EMPLOYEE, RoleCode.PROGRAMME]),
    "admin": ("admin@test.kompas.dk", "Ali Admin", [RoleCode.ADMIN]),
}
PASSWORD = "test-password-123"  # noqa: S105


@pytest.fixture(autouse=True)
def _clean_cache():
    from kompas.core import welcome

    cache.clear()
    welcome.forget()  # the shared front-page panels the process keeps beside the cache
    yield
    cache.clear()
    welcome.forget()


@pytest.fixture
def role_users(db):
    from kompas.accounts.services import user_create

    return {
        role: user_create(email=email, full_name=name, password=PASSWORD, roles=roles, actor=None)
        for role, (email, name, roles) in ROLE_USERS.items()
    }


@pytest.fixture
def client_for(client, role_users):
    """``client_for("leader")`` gives the test client signed in as that role (or anonymous)."""

    def make(role: str):
        client.logout()
        if role != "anonymous":
            client.force_login(role_users[role])
        return client

    return make


@pytest.fixture
def cache_reads(monkeypatch):
    """Every key the cache is asked for, in the order asked (one list per round trip)."""
    from django.core.cache.backends.locmem import LocMemCache

    asked: list[list[str]] = []
    get, get_many = LocMemCache.get, LocMemCache.get_many
    inside = []  # the local-memory cache's get_many asks get for each key: one round trip all the same

    def spy_get(self, key, *args, **kwargs):
        if not inside:
            asked.append([key])
        return get(self, key, *args, **kwargs)

    def spy_get_many(self, keys, *args, **kwargs):
        asked.append(list(keys))
        inside.append(True)
        try:
            return get_many(self, keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(LocMemCache, "get", spy_get)
    monkeypatch.setattr(LocMemCache, "get_many", spy_get_many)
    return asked


# --- The migrations' rows after a test that empties the database -------------------------------------------------
# The migrations seed rows that many tests read (the city goals, the compass's paths and pivots, the roles, the
# departments). A transactional test (``django_db(transaction=True)``, the browser tests' live server) empties
# every table when it ends. pytest-django runs those last, but with ``-n 2 --dist worksteal`` a process that has
# run one may take ordinary tests from the other process's queue, and they would find none of the seeded rows.
# So each process keeps the rows its new test database starts with (Django's own test serializer), and an
# ordinary test that comes after a transactional one in the same process gets them back before it starts.
_SEEDED: dict[str, str] = {}
_EMPTIED: set[str] = set()  # "default" while its rows are gone


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _SEEDED[connection.alias] = connection.creation.serialize_db_to_string()


def _empties_the_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(names)
    )


def _uses_the_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    if _EMPTIED and not _empties_the_database(item) and _uses_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            # What the emptying test's flush made again (content types, permissions) goes too, as Django's
            # serialized rollback does: the rows come back with the ids they had.
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
            )
            connection.creation.deserialize_db_from_string(_SEEDED[connection.alias])
        _EMPTIED.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    yield
    if _empties_the_database(item) and connection.alias in _SEEDED:
        _EMPTIED.add(connection.alias)
