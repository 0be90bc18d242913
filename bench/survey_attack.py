"""The differencing attack on the survey's demo data, before and after issue 12, with timings.

Run:  .venv/bin/python bench/survey_attack.py [--before COMMIT]

Builds the ``small`` demo data set (seed 2021, as ``manage.py demo``) in a throwaway in-memory SQLite test
database, signs in as the demo programme staff and runs ``kompas/surveys/tests/attack.py``: everything the
results page, every unit page, the trend page, the API and the CSV export release about every closed wave,
subtracted in every way (parent minus released parts across tables, and every set of finest groups below the
threshold against the row space of what is released). It prints how many tables, waves and figures were tried
and how many statistics of groups below the threshold can be derived – first with the code of ``--before``
(default: the commit before the fix; its ``disclosure.py`` and ``selectors.py`` are read with ``git show`` and
put in place of the current ones for the run), then with the current code. Not a test; never part of
``make test``.
"""

import argparse
import os
import subprocess
import sys
import time
import types
from collections import Counter
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
BEFORE = "2531212"


def _old_modules(commit: str):
    """The survey's disclosure and selectors modules as they were at ``commit``."""

    def source(path):
        return subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
        ).stdout

    disclosure = types.ModuleType("kompas.surveys._old_disclosure")
    sys.modules[disclosure.__name__] = disclosure
    exec(compile(source("kompas/surveys/disclosure.py"), "old disclosure.py", "exec"), disclosure.__dict__)  # noqa: S102
    selectors = types.ModuleType("kompas.surveys._old_selectors")
    selectors.__package__ = "kompas.surveys"
    sys.modules[selectors.__name__] = selectors
    exec(compile(source("kompas/surveys/selectors.py"), "old selectors.py", "exec"), selectors.__dict__)  # noqa: S102
    selectors.disclosure = disclosure
    return selectors


def _print(label, report, seconds):
    print(
        f"{label}: {report.waves} waves, {report.tables} released tables, {report.equations} distinct figures, "
        f"{report.differencings} subtractions, {report.sets_tried} small sets tried in {seconds:.1f} s"
    )
    sizes = Counter(n for *_rest, n, _how in report.leaks)
    print(
        f"  derivable statistics of groups below the threshold: {len(report.leaks)} "
        f"(by size: {dict(sorted(sizes.items()))}; everyone answered alike in {report.alike})"
    )
    for leak in report.leaks[:3]:
        print("  e.g. wave", leak[0], leak[1], "groups", leak[2], "n =", leak[3], "by", leak[4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default=BEFORE)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=False)

    from kompas.accounts.models import User
    from kompas.demo.builders import build
    from kompas.surveys import api, views
    from kompas.surveys.models import Wave
    from kompas.surveys.tests import attack as attack_module

    started = time.perf_counter()
    build(scale="small", seed=2021)
    print(f"demo data (small, seed 2021) built in {time.perf_counter() - started:.1f} s")
    waves = list(Wave.objects.filter(population__name__contains="demo").order_by("year"))
    client = Client()
    client.force_login(User.objects.get(email="programstab@demo.kompas.dk"))

    old = _old_modules(args.before)
    with (
        mock.patch.object(views, "selectors", old),
        mock.patch.object(api, "selectors", old),
        mock.patch.object(attack_module, "selectors", old),
    ):
        started = time.perf_counter()
        report = attack_module.attack(client, waves)
        _print(f"before ({args.before})", report, time.perf_counter() - started)

    started = time.perf_counter()
    report = attack_module.attack(client, waves)
    _print("after (working tree)", report, time.perf_counter() - started)


if __name__ == "__main__":
    main()
