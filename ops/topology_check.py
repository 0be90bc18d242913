"""The production topology under test: Kompas started the way the README's "Running it in production" runs it.

Run:  .venv/bin/python ops/topology_check.py        (or `make topology`; CI runs it after `make test`)

Needs the local PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379). It creates the database
``kompas_topology`` (and ``kompas_topology_restored`` for the backup check), uses Redis databases 11 and 12 and
flushes only those, and starts, all on loopback:

- production settings (``config.settings.production``) with a generated secret key, migrate, the small demo data,
  ``collectstatic`` served by whitenoise, gunicorn with 2 workers behind a pretend TLS proxy (X-Forwarded-Proto);
- a Celery worker and Celery beat on Redis, mail to the file backend in a temporary folder.

Then it walks through:

a. a vote cast through gunicorn queues the opinion map; it stays uncomputed while no worker runs, the worker
   computes it, and the forum's map page shows it;
b. a follow-up falls due and beat (a 5-second schedule for this run) sends the daily digest to the mail folder;
   the script never calls the task itself;
c. a worker is killed with SIGKILL in the middle of a slow task; a new worker finishes it (acks late);
d. ``/healthz`` answers 200 with every check ok, also over plain HTTP where the rest redirects to HTTPS;
e. backups restore: ``pg_dump -Fc`` of the database, ``pg_restore`` into a new one, a second gunicorn on the
   restored database serves the public value map and its open data with the same content.

Each step prints its time; the exit code is non-zero on the first failure. Every process it started is stopped
and both databases are dropped, also on failure (the logs are then kept and their folder printed).
"""

from __future__ import annotations

import argparse
import email
import email.policy
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
DB = "kompas_topology"
RESTORED_DB = "kompas_topology_restored"
REDIS = os.environ.get("TOPOLOGY_REDIS", "redis://127.0.0.1:6379")
REDIS_DB, RESTORED_REDIS_DB = 11, 12
BEAT_SECONDS = 5
VISIBILITY_SECONDS = 5
PROBE_SECONDS = 6
VOTERS, STATEMENTS = 6, 5


class CheckFailed(Exception):
    pass


def pg_url(name: str) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def pg(*args: str) -> None:
    subprocess.run(
        [args[0], "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], *args[1:]],
        check=True,
        capture_output=True,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flush_redis(db: int) -> None:
    import redis

    redis.Redis.from_url(f"{REDIS}/{db}", socket_timeout=5).flushdb()


class Run:
    """The processes, folders and databases of one run, and the clock."""

    def __init__(self, keep: bool):
        self.keep = keep
        self.started = time.perf_counter()
        self.tmp = Path(tempfile.mkdtemp(prefix="kompas-topology-"))
        self.mail = self.tmp / "mail"
        self.mail.mkdir()
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": pg_url(DB),
            "REDIS_URL": f"{REDIS}/{REDIS_DB}",
            "KOMPAS_VAR_DIR": str(self.tmp),  # collectstatic goes to <tmp>/static
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail),
            "KOMPAS_BEAT_INTERVAL_SECONDS": str(BEAT_SECONDS),
            "KOMPAS_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
            "KOMPAS_TOPOLOGY_PROBE": "true",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DJANGO_SECURE_SSL_REDIRECT", None)  # on, as in production: a proxy says https
        self.step_number = 0

    # --- output ---------------------------------------------------------------------------------------------
    @contextmanager
    def step(self, title: str):
        self.step_number += 1
        began = time.perf_counter()
        print(f"[{began - self.started:6.1f}s] {self.step_number:2}. {title}", flush=True)
        yield
        print(f"{'':9}    done in {time.perf_counter() - began:.1f} s", flush=True)

    def say(self, text: str) -> None:
        print(f"{'':9}    {text}", flush=True)

    # --- processes ------------------------------------------------------------------------------------------
    def manage(self, *args: str, env: dict | None = None, timeout: float = 240) -> str:
        result = subprocess.run(
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise CheckFailed(
                f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
            )
        return result.stdout

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM, wait: float = 15) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)  # the process and its children (gunicorn's and celery's workers)
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        # Children that outlived their parent (a SIGKILLed celery leaves none, but be sure).
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def gunicorn(self, name: str, port: int, workers: int, env: dict | None = None) -> None:
        self.start(
            name,
            [
                PY,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-c",  # the production settings (ADR 0032), with the number of processes given here
                str(ROOT / "config" / "gunicorn.py"),
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--access-logfile",
                str(self.tmp / f"{name}-access.log"),
                "--graceful-timeout",
                "5",
                "--timeout",
                "30",
            ],
            env=env,
        )

    def celery(self, name: str, *args: str) -> subprocess.Popen:
        return self.start(name, [PY, "-m", "celery", "-A", "config", *args, "-l", "info"])

    def cleanup(self, failed: bool) -> None:
        for process in self.processes.values():  # all at once, then wait for each
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for name in list(self.processes):
            self.stop(name)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django may not have been set up; nothing to close then
            pass
        for name in (DB, RESTORED_DB):
            try:
                pg("dropdb", "--if-exists", "--force", name)
            except Exception as exc:  # report, and go on cleaning
                print(f"could not drop {name}: {exc}", file=sys.stderr)
        for db in (REDIS_DB, RESTORED_REDIS_DB):
            try:
                flush_redis(db)
            except Exception as exc:
                print(f"could not flush Redis db {db}: {exc}", file=sys.stderr)
        if failed or self.keep:
            print(f"logs kept in {self.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


# --- HTTP on loopback ----------------------------------------------------------------------------------------


def request(
    port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None, proxy=True
):
    """One request; ``proxy`` adds the header the TLS proxy in front of gunicorn sets."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    all_headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    if proxy:
        all_headers["X-Forwarded-Proto"] = "https"
    payload = None
    if body is not None:
        payload = json.dumps(body)
        all_headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=all_headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def wait_until(what: str, test, timeout: float, interval: float = 0.25):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = test()
        if value:
            return value
        time.sleep(interval)
    raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {what}")


def http_ready(port: int) -> bool:
    try:
        return request(port, "GET", "/healthz", proxy=False)[0] in (200, 503)
    except OSError:
        return False


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --- the journey -----------------------------------------------------------------------------------------------


def setup(run: Run) -> dict:
    with run.step(f"fresh database {DB}, migrate (production settings), Redis db {REDIS_DB} flushed"):
        # collectstatic (whitenoise: hashed names, gzip and brotli) needs no database: it runs alongside.
        static_began = time.perf_counter()
        static = run.start("collectstatic", [PY, "manage.py", "collectstatic", "--noinput", "-v0"])
        for db in (REDIS_DB, RESTORED_REDIS_DB):
            flush_redis(db)
        for name in (DB, RESTORED_DB):
            pg("dropdb", "--if-exists", "--force", name)
        pg("createdb", DB)
        run.manage("migrate", "--noinput", "-v0")
    with run.step("demo data (manage.py demo --scale small)"):
        run.manage("demo", "--scale", "small")
    with run.step("collectstatic finished"):
        try:
            static.wait(timeout=300)
        except subprocess.TimeoutExpired as exc:
            raise CheckFailed("collectstatic took more than 5 minutes") from exc
        expect(static.returncode == 0, f"collectstatic failed: {run.log('collectstatic')[-2000:]}")
        manifest = json.loads((run.tmp / "static" / "staticfiles.json").read_text())
        compressed = len(list((run.tmp / "static").rglob("*.br")))
        run.say(
            f"{len(manifest['paths'])} files with hashed names, {compressed} brotli-compressed, "
            f"in {time.perf_counter() - static_began:.1f} s"
        )

    os.environ.update({k: v for k, v in run.env.items() if k != "PYTHONPATH"})
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kompas.activity.models import DigestLog, Notification
    from kompas.dialogues import services as dialogues
    from kompas.dialogues.choices import ForumStatus, ForumVisibility
    from kompas.goals.models import Goal

    with run.step("a public forum that takes anonymous votes, and a follow-up due today"):
        facilitator = get_user_model().objects.get(email="programstab@demo.kompas.dk")
        forum = dialogues.forum_create(
            actor=facilitator,
            title="Topologitjek",
            dilemma="–",
            values_in_tension="–",
            question="Skal byen have flere cykelstier?",
            visibility=ForumVisibility.PUBLIC,
            moderation="pre",
            allow_anonymous=True,
            participants_may_submit=False,
            seed_statements=[f"Udsagn {n}" for n in range(1, STATEMENTS + 1)],
        )
        dialogues.forum_transition(forum=forum, to=ForumStatus.OPEN, actor=facilitator)
        goal = (
            Goal.objects.filter(archived_at__isnull=True, owner__is_active=True)
            .exclude(owner__email="")
            .select_related("owner")
            .order_by("pk")
            .first()
        )
        expect(goal is not None, "the demo data has no goal with an owner")
        today = timezone.localdate()
        Goal.objects.filter(pk=goal.pk).update(next_follow_up_on=today)
        # What the demo left unread counts as mailed: the digest below carries only the due follow-up.
        Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=timezone.now())
        DigestLog.objects.filter(day=today).delete()
        run.say(f"forum {forum.pk}; goal {goal.pk} “{goal.title}” due {today} for {goal.owner.email}")
    return {"forum": forum.pk, "goal": goal.pk, "goal_title": goal.title, "owner": goal.owner.email}


def journey(run: Run, world: dict) -> None:
    from django.core.cache import cache

    from config.celery import app
    from kompas.activity.models import DigestLog
    from kompas.dialogues.choices import MapState
    from kompas.dialogues.models import OpinionMap, Statement
    from kompas.goals.models import Goal

    port = free_port()
    forum = world["forum"]

    with run.step(f"gunicorn config.wsgi with config/gunicorn.py, 2 workers, on 127.0.0.1:{port}"):
        run.gunicorn("gunicorn", port, workers=2)
        wait_until("gunicorn to answer", lambda: http_ready(port), timeout=40)
        status, _headers, body = request(port, "GET", "/healthz", proxy=False)
        checks = json.loads(body)
        run.say(f"/healthz {status} {checks}")
        expect(
            status == 200 and checks["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"},
            "unhealthy",
        )
        status, headers, _body = request(port, "GET", "/", proxy=False)
        expect(
            status == 301 and headers.get("Location", "").startswith("https://"),
            f"plain HTTP / gave {status}",
        )
        run.say("plain HTTP: /healthz answers, / redirects to https (SECURE_SSL_REDIRECT on)")
        status, headers, body = request(port, "GET", "/")
        expect(status == 200, f"/ behind the proxy gave {status}")
        css = re.search(rb'href="(/static/[^"]+\.css)"', body)
        expect(css is not None, "no stylesheet on the front page")
        status, headers, _body = request(port, "GET", css.group(1).decode())
        expect(status == 200 and "immutable" in headers.get("Cache-Control", ""), f"{css.group(1)}: {status}")
        run.say(f"whitenoise serves {css.group(1).decode()} ({headers.get('Cache-Control')})")

    with run.step(f"(a) {VOTERS} participants vote through gunicorn while no Celery worker runs"):
        statements = list(Statement.objects.filter(forum_id=forum).values_list("pk", flat=True))
        votes = 0
        began = time.perf_counter()
        for voter in range(VOTERS):
            status, _h, body = request(
                port, "POST", f"/api/dialogues/{forum}/participants", {"stakeholder_type": "citizen"}
            )
            expect(status == 200, f"join: {status} {body[:200]!r}")
            token = json.loads(body)["token"]
            for index, statement in enumerate(statements):
                value = 1 if (voter < VOTERS // 2) == (index % 2 == 0) else -1
                status, _h, body = request(
                    port,
                    "POST",
                    f"/api/dialogues/{forum}/votes",
                    {"statement": statement, "value": value, "key": uuid.uuid4().hex},
                    headers={"X-Participant-Token": token},
                )
                expect(status == 200, f"vote: {status} {body[:200]!r}")
                votes += 1
        run.say(f"{votes} votes in {time.perf_counter() - began:.1f} s")
        time.sleep(1.0)
        maps = list(OpinionMap.objects.filter(forum_id=forum).values_list("pk", "state"))
        with app.connection_for_write() as broker:
            queued = broker.default_channel.client.llen("celery")
        run.say(f"opinion maps {maps}; messages waiting on the broker: {queued}")
        expect(
            maps and all(state == MapState.COMPUTING for _pk, state in maps),
            "a map was computed without a worker",
        )
        expect(queued >= 1, "the map computation was not queued on Redis")

    with run.step("(a) a Celery worker starts and computes the map; the map page shows it"):
        run.celery(
            "worker-a", "worker", "-n", "topology-a@%h", "-c", "2", "--without-gossip", "--without-mingle"
        )
        ready = wait_until(
            "the worker to compute the map",
            lambda: OpinionMap.objects.filter(forum_id=forum, state=MapState.READY).first(),
            timeout=60,
        )
        line = wait_until(
            "the worker's log line",
            lambda: re.search(
                r"Task kompas\.dialogues\.tasks\.compute_opinion_map\[[^\]]+\] succeeded.*",
                run.log("worker-a"),
            ),
            timeout=10,
        )
        run.say(f"worker-a: {line.group(0)[:120]}")
        run.say(f"map {ready.pk}: {ready.votes} votes by {ready.participants} participants")
        expect(ready.votes == votes and ready.participants == VOTERS, "the map does not count every vote")
        status, _h, body = request(port, "GET", f"/dialogues/{forum}/map/")
        page = body.decode()
        expect(status == 200, f"map page {status}")
        expect(f"ud fra {votes} stemmer fra {VOTERS} deltagere" in page, "the map page does not show the map")
        expect('hx-trigger="every 4s"' not in page, "the map page still says it is computing")
        run.say(f"/dialogues/{forum}/map/ shows “ud fra {votes} stemmer fra {VOTERS} deltagere”")

    with run.step(f"(b) Celery beat (every {BEAT_SECONDS} s for this run) sends the daily digest"):
        run.celery(
            "beat", "beat", "-s", str(run.tmp / "beat-schedule"), "--pidfile", str(run.tmp / "beat.pid")
        )
        message = wait_until("the digest in the mail folder", lambda: find_mail(run.mail, world), timeout=60)
        run.say(f"mail to {message['To']}: “{message['Subject']}”")
        expect(DigestLog.objects.filter(recipient__email=world["owner"]).exists(), "no digest log row")
        sent = re.search(
            r"Sending due task daily-digest \(kompas\.activity\.tasks\.send_daily_digests\)", run.log("beat")
        )
        expect(sent is not None, "beat did not log sending the digest task")
        done = re.findall(
            r"Task kompas\.activity\.tasks\.send_daily_digests\[[^\]]+\] succeeded[^\n]*: (\d+)",
            run.log("worker-a"),
        )
        expect(any(int(n) >= 1 for n in done), "the worker did not log a digest sent")
        run.say(f"beat: “{sent.group(0)}”; worker-a ran it {len(done)} time(s), mails sent: {done}")
        goal = Goal.objects.select_related("owner").get(pk=world["goal"])
        notified = goal.owner.notifications.filter(url=goal.get_absolute_url())
        expect(notified.count() == 1, f"the due follow-up notified {notified.count()} times")
        run.stop("beat")

    with run.step(f"(c) a worker is killed (SIGKILL) in the middle of a {PROBE_SECONDS}-second task"):
        key = uuid.uuid4().hex
        prefix = f"kompas:topology-probe:{key}"
        app.send_task("kompas.core.tasks.topology_probe", args=[key, PROBE_SECONDS])
        started = wait_until("the slow task to start", lambda: cache.get(f"{prefix}:started:1"), timeout=30)
        began = time.perf_counter()
        time.sleep(1.0)
        run.say(f"started on {started}; SIGKILL to worker-a and its pool")
        run.stop("worker-a", sig=signal.SIGKILL)
        expect(cache.get(f"{prefix}:done") is None, "the task finished before the kill")
        # Redis gives an unacknowledged message out again once the visibility timeout has passed.
        time.sleep(max(0.0, VISIBILITY_SECONDS + 0.5 - (time.perf_counter() - began)))
        run.celery(
            "worker-b", "worker", "-n", "topology-b@%h", "-c", "2", "--without-gossip", "--without-mingle"
        )
        done = wait_until(
            "another worker to finish the task", lambda: cache.get(f"{prefix}:done"), timeout=60
        )
        attempts = cache.get(f"{prefix}:attempts")
        run.say(f"finished on {done}; attempts: {attempts}")
        expect("topology-b@" in done and attempts == 2, "the task was not run again by the new worker")

    with run.step("(d) /healthz with the worker back"):
        status, headers, body = request(port, "GET", "/healthz", proxy=False)
        expect(status == 200 and json.loads(body)["status"] == "ok", f"/healthz {status} {body!r}")
        expect("no-cache" in headers.get("Cache-Control", ""), "/healthz may be cached")
        run.say(f"{status} {body.decode()}")

    backups(run, port)


def find_mail(folder: Path, world: dict):
    for path in sorted(folder.glob("*.log")):
        separator = b"\n" + b"-" * 79 + b"\n"
        for raw in path.read_bytes().split(separator):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            if message["To"] != world["owner"]:
                continue
            body = message.get_body(preferencelist=("plain",)).get_content()
            if world["goal_title"] in body:
                return message
    return None


PUBLIC_PAGES = [
    "/value-map/",
    "/value-map/data/goals.json",
    "/value-map/data/indicators.json",
    "/value-map/data/data-points.json",
    "/value-map/data/goals.csv",
]


def public_value_map(port: int) -> dict[str, bytes]:
    pages = {}
    for path in PUBLIC_PAGES:
        status, _h, body = request(port, "GET", path)
        expect(status == 200, f"{path}: {status}")
        pages[path] = body
    # Every city goal of the overview, and the goals they link to.
    city_goals = sorted(set(re.findall(rb'href="(/value-map/city-goal/\d+/)"', pages["/value-map/"])))
    expect(len(city_goals) > 0, "the value map links no city goal")
    for link in city_goals:
        status, _h, pages[link.decode()] = request(port, "GET", link.decode())
        expect(status == 200, f"{link!r}: {status}")
    goals = sorted(
        {
            g
            for link in city_goals
            for g in re.findall(rb'href="(/value-map/goal/\d+/)"', pages[link.decode()])
        }
    )
    expect(len(goals) > 0, "the city goals link no published goal")
    for link in goals:
        status, _h, pages[link.decode()] = request(port, "GET", link.decode())
        expect(status == 200, f"{link!r}: {status}")
    # A form's CSRF token differs per response; everything else must be the same.
    return {
        path: re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body) for path, body in pages.items()
    }


def backups(run: Run, port: int) -> None:
    dump = run.tmp / "kompas.dump"
    with run.step("(e) backup: pg_dump -Fc, pg_restore into a new database"):
        original = public_value_map(port)
        goals = json.loads(original["/value-map/data/goals.json"])["rows"]
        expect(len(goals) > 0, "the published value map is empty")
        began = time.perf_counter()
        pg("pg_dump", "-Fc", "-f", str(dump), DB)
        run.say(f"pg_dump: {dump.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        pg("createdb", RESTORED_DB)
        pg("pg_restore", "--no-owner", "--exit-on-error", "-d", RESTORED_DB, str(dump))
        run.say(f"pg_restore into {RESTORED_DB} in {time.perf_counter() - began:.1f} s")
    with run.step("(e) a gunicorn on the restored database serves the same value map"):
        restored_port = free_port()
        env = {**run.env, "DATABASE_URL": pg_url(RESTORED_DB), "REDIS_URL": f"{REDIS}/{RESTORED_REDIS_DB}"}
        run.gunicorn("gunicorn-restored", restored_port, workers=1, env=env)
        wait_until("the restored gunicorn", lambda: http_ready(restored_port), timeout=40)
        restored = public_value_map(restored_port)
        for path, body in original.items():
            expect(restored.get(path) == body, f"{path} differs after the restore")
        size = sum(len(body) for body in original.values())
        run.say(
            f"{len(original)} public pages and exports identical ({size / 1e3:.0f} kB, {len(goals)} goals)"
        )
        run.stop("gunicorn-restored")


def preflight() -> None:
    try:
        pg("psql", "-tAc", "SELECT 1", "postgres")
    except Exception as exc:
        raise CheckFailed(
            f"PostgreSQL at {PG['host']}:{PG['port']} (user {PG['user']}) is needed: {exc}"
        ) from exc
    try:
        import redis

        redis.Redis.from_url(f"{REDIS}/{REDIS_DB}", socket_timeout=5).ping()
    except Exception as exc:
        raise CheckFailed(f"Redis at {REDIS} is needed: {exc}") from exc


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep the temporary folder with the logs")
    args = parser.parse_args()
    try:
        preflight()
    except CheckFailed as exc:
        print(f"topology: {exc}", file=sys.stderr)
        return 2
    run = Run(keep=args.keep_logs)
    failed = True
    try:
        world = setup(run)
        journey(run, world)
        failed = False
    except (CheckFailed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", None) or b""
        if isinstance(detail, bytes):
            detail = detail.decode(errors="replace")
        print(f"\nFAILED: {exc}\n{detail[-2000:]}".rstrip(), file=sys.stderr)
    finally:
        run.cleanup(failed)
    total = time.perf_counter() - run.started
    print(f"\ntopology: {'FAILED' if failed else 'all steps passed'} in {total:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
