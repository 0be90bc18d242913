"""The versions every reader's page reads first come in the cache round trip that reads the signed-in user's row
(kompas.accounts.user_cache, kompas.core.page_cache.read_with_user): one round trip less on every signed-in page,
and never a version older than the request that uses it."""

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from kompas.accounts.backends import ModelBackend
from kompas.core import versions
from kompas.core.page_cache import HEADER, PERSONAL, request_version

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_reads_its_versions_with_the_users_row(client_for, cache_reads):
    client = client_for("employee")
    client.get("/")  # sets the CSRF cookie: the next views go through the reader page cache
    client.get("/")  # the first reader's page starts the personal version
    cache_reads.clear()
    page = client.get("/", headers={"Cache-Control": "no-cache"})
    assert page[HEADER] == "miss"
    with_version = [
        keys for keys in cache_reads if versions.entry("content") in keys or versions.entry(PERSONAL) in keys
    ]
    assert len(with_version) == 1  # one round trip for the user's row and both versions
    assert any("user-row" in key for key in with_version[0])
    assert versions.entry(PERSONAL) in with_version[0]


def _get(user: Any, method: str = "get") -> Any:
    request = getattr(RequestFactory(), method)("/")
    request.user = user
    return request


def test_only_the_request_that_read_the_user_takes_its_versions(role_users):
    user = ModelBackend().get_user(role_users["employee"].pk)
    read = versions.current("content")
    versions.bump("content")
    assert request_version(_get(user), "content") == read  # read with the user, before this request's data
    # the same user object in a later request (a test, a task) reads the version afresh
    assert request_version(_get(user), "content") == versions.current("content") != read


def test_a_request_that_writes_reads_the_versions_afresh(role_users):
    user = ModelBackend().get_user(role_users["employee"].pk)
    versions.bump("content")
    assert request_version(_get(user, "post"), "content") == versions.current("content")


def test_a_new_publication_shows_on_the_next_view(client_for, django_capture_on_commit_callbacks):
    client = client_for("employee")
    client.get("/")
    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump("content")
    assert client.get(reverse("core:home"))[HEADER] == "miss"
