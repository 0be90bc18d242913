"""Benchmark: parallel votes against the embedded default (SQLite), with and without WAL and a busy timeout.

Run:  .venv/bin/python bench/sqlite_votes.py [--voters 40] [--rounds 1] [--no-wal | --compare] [--server gunicorn]

Kompas is started as ``make run`` starts it (``manage.py runserver``, one thread per request; ``--server
gunicorn`` uses one gunicorn process with a thread per voter instead) on a fresh SQLite file in a temporary
directory: migrated, with one open forum that allows anonymous participants, and one anonymous participant per
voter. Then all voters post a vote through the API at the same moment (a barrier), each with its own token and
idempotency key, and the answers are counted: 200, 503 ("database is locked" becomes 503 with Retry-After) and
anything else. Afterwards the votes in the file are counted.

``--no-wal`` runs without the SQLite options of ``config/settings/base.py`` (journal_mode=WAL, synchronous=NORMAL,
transaction_mode=IMMEDIATE, timeout) – the "before" figure; ``--compare`` runs both, before first. Only loopback
traffic; every request has a timeout and every wait is bounded.
"""

import argparse
import collections
import contextlib
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SQLITE_OPTIONS = ("init_command", "transaction_mode", "timeout")


def write_settings(directory: Path, *, wal: bool) -> None:
    """A settings module: the project's own, optionally without the SQLite options (the "before" state)."""
    strip = (
        ""
        if wal
        else f"""
        for name in {SQLITE_OPTIONS!r}:
            DATABASES["default"].get("OPTIONS", {{}}).pop(name, None)"""
    )
    (directory / "sqlite_votes_settings.py").write_text(
        textwrap.dedent(f"""\
        from config.settings.base import *  # noqa: F403
        {strip.strip()}
        LOGGING = {{"version": 1, "disable_existing_loggers": False}}
        """)
    )


def prepare(directory: Path, env: dict, voters: int) -> tuple[int, int, list[str]]:
    """Migrate the file and create the forum and the participants (in a child process with the same settings)."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    script = textwrap.dedent(f"""\
        import json
        import django
        django.setup()
        from django.contrib.auth import get_user_model
        from kompas.dialogues import services
        from kompas.dialogues.choices import ForumStatus, ForumVisibility

        facilitator = get_user_model().objects.create_user(email="facilitator@bench.invalid", password=None)
        forum = services.forum_create(
            actor=facilitator, title="Parallelle stemmer", dilemma="–", values_in_tension="–", question="?",
            visibility=ForumVisibility.PUBLIC, moderation="pre", allow_anonymous=True,
            participants_may_submit=False, seed_statements=["Et udsagn alle stemmer om"],
        )
        services.forum_transition(forum=forum, to=ForumStatus.OPEN, actor=facilitator)
        tokens = [f"sqlite-bench-token-{{n:04d}}" for n in range({voters})]
        for token in tokens:
            services.participant_join(forum=forum, raw_token=token, stakeholder_type="citizen")
        print(json.dumps([forum.pk, forum.statements.get().pk, tokens]))
        """)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    )
    forum, statement, tokens = json.loads(done.stdout.strip().splitlines()[-1])
    return forum, statement, tokens


def start_server(env: dict, port: int, server: str, voters: int) -> subprocess.Popen:
    if server == "gunicorn":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-w",
            "1",
            "--threads",
            str(voters),
            "-b",
            f"{HOST}:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "/dev/null",
        ]
    else:
        command = [sys.executable, "manage.py", "runserver", f"{HOST}:{port}", "--noreload", "--nostatic"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection(HOST, port, timeout=2)
            probe.request("GET", "/api/openapi.json")
            probe.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("Kompas did not start within 60 s")


def fire(port: int, forum: int, statement: int, tokens: list[str], round_number: int) -> collections.Counter:
    """Every voter posts one vote at the same moment; returns the count of answers by status."""
    barrier = threading.Barrier(len(tokens))
    statuses: collections.Counter = collections.Counter()
    lock = threading.Lock()

    def vote(n: int, token: str) -> None:
        body = json.dumps(
            {"statement": statement, "value": 1 - n % 3, "key": f"bench-{round_number}-{n:04d}"}
        )
        status, refused = 0, 0
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=30)
        # A connection the server's listen queue turned away never reached Kompas: try again with the same key
        # (at most 10 times). Answers – 503 included – are counted as they come, never retried.
        for _attempt in range(10):
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                conn.request(
                    "POST",
                    f"/api/dialogues/{forum}/votes",
                    body=body,
                    headers={"Content-Type": "application/json", "X-Participant-Token": token},
                )
                response = conn.getresponse()
                response.read()
                status = response.status
                conn.close()
                break
            except (OSError, http.client.HTTPException):
                refused += 1
                time.sleep(0.05 * (1 + refused))
        with lock:
            statuses[status] += 1
            statuses["refused connections"] += refused

    threads = [threading.Thread(target=vote, args=(n, token), daemon=True) for n, token in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def run(*, wal: bool, voters: int, rounds: int, port: int, server: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="kompas-sqlite-votes-") as tmp:
        directory = Path(tmp)
        write_settings(directory, wal=wal)
        database = directory / "kompas.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sqlite_votes_settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "KOMPAS_VAR_DIR": str(directory),
            "PYTHONPATH": os.pathsep.join([str(directory), str(ROOT)]),
        }
        env.pop("REDIS_URL", None)
        forum, statement, tokens = prepare(directory, env, voters)
        process = start_server(env, port, server, voters)
        totals: collections.Counter = collections.Counter()
        started = time.perf_counter()
        try:
            for round_number in range(rounds):
                totals += fire(port, forum, statement, tokens, round_number)
        finally:
            elapsed = time.perf_counter() - started
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        with sqlite3.connect(database) as check:
            stored = check.execute("SELECT count(*) FROM dialogues_vote").fetchone()[0]
            journal = check.execute("PRAGMA journal_mode").fetchone()[0]
    return {"statuses": totals, "stored": stored, "journal": journal, "seconds": elapsed}


def report(label: str, result: dict, voters: int, rounds: int) -> None:
    statuses = result["statuses"]
    refused = statuses.pop("refused connections", 0)
    other = sum(n for status, n in statuses.items() if status not in (200, 503))
    print(
        f"  {label:<7} 200: {statuses.get(200, 0):3d}   503: {statuses.get(503, 0):3d}   other: {other:3d}   "
        f"votes stored: {result['stored']}/{voters}   journal_mode: {result['journal']}   "
        f"{result['seconds']:.1f} s for {voters * rounds} requests"
    )
    if other:
        print(
            f"          other answers (0: no answer): { {s: n for s, n in statuses.items() if s not in (200, 503)} }"
        )
    if refused:
        print(f"          connections turned away by the server's listen queue and tried again: {refused}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--voters", type=int, default=40, help="parallel voters, one participant each (max 200)"
    )
    parser.add_argument("--rounds", type=int, default=1, help="bursts in a row (max 20)")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--server", choices=["runserver", "gunicorn"], default="runserver")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--no-wal", action="store_true", help="without the SQLite options: the 'before' figure")
    mode.add_argument("--compare", action="store_true", help="run without, then with the SQLite options")
    args = parser.parse_args()
    voters, rounds = max(2, min(args.voters, 200)), max(1, min(args.rounds, 20))
    modes = [False, True] if args.compare else [not args.no_wal]
    print(f"sqlite_votes: {voters} parallel anonymous voters x {rounds} round(s), {args.server}, SQLite file")
    results = {}
    for wal in modes:
        label = "after" if wal else "before"
        results[label] = run(wal=wal, voters=voters, rounds=rounds, port=args.port, server=args.server)
        report(label, results[label], voters, rounds)
    if "before" in results and "after" in results:
        before, after = (results[k]["statuses"].get(503, 0) for k in ("before", "after"))
        print(f"  503 answers: {before} before, {after} after (WAL, IMMEDIATE transactions, busy timeout)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
