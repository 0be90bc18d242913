"""Small reads kept per process for one content version: read again under any other version, handed out as
copies, and the version the page cache's source read is the one the view gets."""

import pytest
from django.test import RequestFactory

from kompas.core import versioned, versions

pytestmark = pytest.mark.django_db


def test_a_value_is_read_once_per_version_and_again_after_a_write():
    reads = []

    def read():
        reads.append(1)
        return [len(reads)]

    version = versions.current("content")
    assert versioned.kept(version, "k", read) == [1]
    assert versioned.kept(version, "k", read) == [1] and len(reads) == 1
    versions.bump("content")  # what every writing service does
    assert versioned.kept(versions.current("content"), "k", read) == [2]
    # A slower request still under the old version never gets what was read under the new one, nor the reverse.
    assert versioned.kept(version, "k", read) == [3]
    assert versioned.kept(versions.current("content"), "k", read) == [4]


def test_a_caller_changing_what_it_got_changes_nothing_for_the_next():
    version = versions.current("content")
    first = versioned.kept(version, "list", lambda: [1, 2])
    first.append(3)
    assert versioned.kept(version, "list", lambda: [9]) == [1, 2]


def test_the_view_gets_the_version_the_page_cache_source_read():
    request = RequestFactory().get("/")
    source = versioned.content_source(request)
    versions.bump("content")  # a write between the source and the view: the view keys on what the source read
    assert versioned.content_version(request) == int(source)
    assert versioned.content_version(RequestFactory().get("/")) == versions.current("content")
