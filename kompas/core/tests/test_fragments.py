"""A fragment missed by many readers at once is built once; a failed build leaves nobody waiting."""

import threading
import time

import pytest
from django.core.cache import cache

from kompas.core import fragments


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _together(count: int, call) -> list:
    """``call()`` from ``count`` threads started at once; their answers."""
    results: list = [None] * count
    start = threading.Barrier(count)

    def run(n: int) -> None:
        start.wait()
        results[n] = call()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_readers_who_miss_the_same_key_at_once_share_one_build():
    builds = []

    def build() -> str:
        builds.append(1)
        time.sleep(0.3)  # long enough that the other readers arrive while it runs
        return "<p>Kort over byrådets mål</p>"

    results = _together(6, lambda: fragments.cached("kompas:test:map", build))

    assert results == ["<p>Kort over byrådets mål</p>"] * 6
    assert len(builds) == 1
    assert cache.get("kompas:test:map:building") is None  # the lock is gone once the value is there


def test_when_the_build_fails_the_waiting_readers_build_it_themselves():
    calls = []

    def build() -> str:
        calls.append(threading.get_ident())
        if len(calls) == 1:
            time.sleep(0.1)
            raise RuntimeError("database away")
        return "ok"

    def read() -> str:
        try:
            return fragments.cached("kompas:test:failing", build)
        except RuntimeError:
            return "failed"

    results = _together(3, read)

    assert sorted(results) == ["failed", "ok", "ok"]
    assert cache.get("kompas:test:failing") == "ok"


def test_a_reader_waits_no_longer_than_the_limit_for_a_stuck_build(monkeypatch):
    monkeypatch.setattr(fragments, "WAIT_SECONDS", 0.2)
    cache.add("kompas:test:stuck:building", 1, 30)  # another process holds the lock and never finishes

    started = time.monotonic()
    assert fragments.cached("kompas:test:stuck", lambda: "built here") == "built here"
    assert time.monotonic() - started < 5


def test_cached_html_builds_again_under_a_new_version():
    versions_built = []

    def page(version: int) -> str:
        def build() -> str:
            versions_built.append(version)
            return f"<p>version {version}</p>"

        return fragments.cached_html(name="test-page", parts=(version,), build=build)

    assert page(1) == "<p>version 1</p>"
    assert page(1) == "<p>version 1</p>"
    assert page(2) == "<p>version 2</p>"
    assert versions_built == [1, 2]
