"""Fixtures shared by every test: one user per role, and a clean cache (login counts live there)."""

import pytest
from django.core.cache import cache

from kompas.core.roles import RoleCode

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
    cache.clear()
    yield
    cache.clear()


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
