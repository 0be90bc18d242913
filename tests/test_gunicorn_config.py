"""The web process's gunicorn settings (config/gunicorn.py, ADR 0032): one process per core and one more, two
threads each, no keep-alive, unless WEB_CONCURRENCY gives another number of processes; the file is what the
README's production command loads."""

import importlib.util
import os
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "config" / "gunicorn.py"


def load(monkeypatch, **environ: str):
    """The settings file as gunicorn reads it, with ``environ`` set."""
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("kompas_gunicorn_settings", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_process_per_core_and_one_more_with_two_threads_each(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    settings = load(monkeypatch)
    assert settings.workers == 3
    assert (settings.worker_class, settings.threads) == ("gthread", 2)


def test_a_connection_serves_one_request_as_the_sync_workers_did(monkeypatch):
    """Keep-alive would hold connections between requests; the TLS proxy keeps the browsers' instead."""
    assert load(monkeypatch).keepalive == 0


def test_the_cores_counted_are_those_the_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert load(monkeypatch).workers == 2


@pytest.mark.parametrize(("given", "workers"), [("7", 7), (" 2 ", 2), ("0", 3), ("many", 3), ("-1", 3)])
def test_web_concurrency_sets_another_number_when_it_is_one(monkeypatch, given, workers):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert load(monkeypatch, WEB_CONCURRENCY=given).workers == workers


def test_gunicorn_accepts_the_settings(monkeypatch):
    """Every name in the file is one of gunicorn's settings (a misspelt one would be ignored without a word)."""
    from gunicorn.config import Config

    settings = load(monkeypatch)
    known = Config().settings
    names = {"workers", "worker_class", "threads", "keepalive", "bind"}
    assert names <= set(known), names - set(known)
    assert {name for name in vars(settings) if name.islower() and not name.startswith("_")} - {
        "cores",
        "worker_count",
        "os",
    } == names


def test_the_readme_starts_the_web_process_with_this_file():
    readme = (CONFIG.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "gunicorn -c config/gunicorn.py config.wsgi" in readme
