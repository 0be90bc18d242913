"""The signed-in user read from the cache (kompas.accounts.user_cache, ADR 0027): no query for the user's row on a
repeated request, and every change of the row, whatever wrote it, seen on the very next request."""

import pytest
from django.contrib.auth import HASH_SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from kompas.accounts.models import Role, User
from kompas.core.roles import RoleCode

pytestmark = pytest.mark.django_db


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _user_reads(client: Client, url: str) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    table = User._meta.db_table
    reads = [q for q in queries.captured_queries if f'FROM "{table}"' in q["sql"] and "SELECT" in q["sql"]]
    return response, len(reads)


def test_a_repeated_request_reads_no_user_row(role_users):
    client = _signed_in(role_users["leader"])
    url = reverse("accounts:profile")
    _, first = _user_reads(client, url)  # the copy was made at login
    response, again = _user_reads(client, url)
    assert first == again == 0
    assert response.context["user"] == role_users["leader"]
    assert response.context["user"].get_full_name() == "Lars Leder"


def test_a_new_name_shows_on_the_next_request(role_users):
    leader = role_users["leader"]
    client = _signed_in(leader)
    client.get(reverse("core:home"))
    renamed = User.objects.get(pk=leader.pk)
    renamed.full_name = "Lone Leder"
    renamed.save()
    html = client.get(reverse("core:home")).content.decode()
    assert "Lone Leder" in html and "Lars Leder" not in html


def test_a_deactivated_user_is_signed_out_on_the_next_request(role_users):
    citizen = role_users["citizen"]
    client = _signed_in(citizen)
    assert client.get(reverse("core:home")).context["user"].is_authenticated
    stored = User.objects.get(pk=citizen.pk)
    stored.is_active = False
    stored.save()
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_a_password_changed_elsewhere_signs_other_browsers_out(role_users):
    employee = role_users["employee"]
    client = _signed_in(employee)
    assert client.get(reverse("core:home")).context["user"].is_authenticated
    stored = User.objects.get(pk=employee.pk)
    stored.set_password("et-helt-nyt-kodeord-42")
    stored.save()
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


def test_new_roles_show_on_the_next_request(role_users):
    citizen = role_users["citizen"]
    client = _signed_in(citizen)
    client.get(reverse("core:home"))
    citizen.roles.add(Role.objects.get(code=RoleCode.EMPLOYEE))  # an update() of the roles stamp, no save
    user = client.get(reverse("core:home")).context["user"]
    assert user.has_role(RoleCode.EMPLOYEE)


def test_a_copy_from_the_cache_holds_no_password_but_checks_one(role_users):
    leader = role_users["leader"]
    client = _signed_in(leader)
    client.get(reverse("core:home"))
    user = client.get(reverse("core:home")).context["user"]
    assert "password" not in user.__dict__  # deferred: the cache never held the hash
    assert client.session[HASH_SESSION_KEY] == user.get_session_auth_hash()
    assert user.check_password(PASSWORD)  # read from the database when needed
    assert client.session[HASH_SESSION_KEY] == user.get_session_auth_hash()
