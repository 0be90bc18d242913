"""The web process's gunicorn settings (config/gunicorn.py, ADR 0030): two sync workers per core and one more,
unless WEB_CONCURRENCY says otherwise; the file is what the README's production command loads."""

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


def test_two_sync_workers_per_core_and_one_more(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    settings = load(monkeypatch)
    assert settings.workers == 5
    assert settings.worker_class == "sync"


def test_the_cores_counted_are_those_the_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert load(monkeypatch).workers == 3


@pytest.mark.parametrize(("given", "workers"), [("7", 7), (" 2 ", 2), ("0", 5), ("many", 5), ("-1", 5)])
def test_web_concurrency_sets_another_number_when_it_is_one(monkeypatch, given, workers):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert load(monkeypatch, WEB_CONCURRENCY=given).workers == workers


def test_the_readme_starts_the_web_process_with_this_file():
    readme = (CONFIG.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "gunicorn -c config/gunicorn.py config.wsgi" in readme
