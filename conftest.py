"""Fixtures shared by every test: one user per role, and a clean cache (login counts live there)."""

import os
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

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
