"""Benchmark: the main pages under concurrent load, beside a 'floor' view, on gunicorn + PostgreSQL.

Run:  .venv/bin/python bench/pages.py [--seconds 10] [--clients 8] [--workers N]

As in production, Redis (``BENCH_REDIS_URL``, default db 14 on 127.0.0.1) holds the cache and sessions.
It creates (once) a PostgreSQL database ``kompas_bench`` with the ``aarhus`` demo data set (about 2,000 goals,
10,000 indicators, 200,000 data points), starts gunicorn on 127.0.0.1, logs a staff client in, and drives each
page with concurrent keep-alive clients for a bounded time. It prints requests/s and p95 latency per page and
the ratio to the floor measured in the same run: the floor is driven before the first page, after every few
pages and after the last, and each page is compared with the mean of the floor runs just before and just after
it, so that a machine whose speed drifts during the run (seen here: the floor anywhere from 1,600 to 3,100
req/s in one afternoon) makes no page look better or worse for when it was driven. The goal: every public page
(anonymous or a citizen) at least 25 % of the floor's requests/s, every staff page at least 15 %; a page below
its goal is marked. Besides the four main pages it drives the vote page and the opinion map of the
20,000-participant forum, the fund's management list, a proposal's edit page, the survey's results and trends,
and the front page per role. The server runs production's gunicorn settings (config/gunicorn.py, ADR 0032: one
process per core and one more, two threads each, no keep-alive), with its number of processes unless
``--workers`` gives one; ``--sync`` runs sync workers instead.
A signed-in page that keeps the reader's own copy (ADR 0025) is a cache read when viewed again, so each
signed-in page is driven three times: as viewed again; ``fresh`` (``Cache-Control: no-cache``, a browser's forced
reload: rendered afresh every time, as on a first view, while the caches of parts shared by readers, keyed on the
content version, still hold); and ``after a write`` (forced, and the content version advanced in Redis before each
request, as any audited write elsewhere does: every content-keyed cache misses), in which the anonymous pages
are driven too. ``--no-fresh`` and ``--no-after-write`` skip those passes.
Only loopback traffic; every loop is bounded in time. This is not a test and is never part of `make test`.
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import web_server  # bench/web_server.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST, PORT = "127.0.0.1", 8765
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kompas_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": DB_URL,
    "PYTHONPATH": str(ROOT),
    "REDIS_URL": REDIS_URL,
}


def manage(*args: str) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def ensure_database() -> None:
    name = DB_URL.rsplit("/", 1)[1]
    exists = subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], check=True)
    manage("migrate", "--noinput")
    started = time.perf_counter()
    out = manage("demo", "--scale", "aarhus")
    print(f"demo data: {out.strip().splitlines()[-1]} ({time.perf_counter() - started:.0f} s)")


def analyse() -> None:
    """Fresh planner statistics: this PostgreSQL may run without autovacuum, and a planner that guesses 20 rows
    where there are 18,000 measures a plan production would not use."""
    subprocess.run(
        ["vacuumdb", "-h", HOST, "-U", "postgres", "--analyze-only", "-q", DB_URL.rsplit("/", 1)[1]],
        check=True,
    )


class Client:
    """One keep-alive HTTP connection with a cookie jar."""

    def __init__(self, cookies: str = "") -> None:
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        self.cookies = cookies

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = {"Cookie": self.cookies, **(headers or {})}
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        return response, data


def login(email: str) -> str:
    client = Client()
    response, body = client.request("GET", "/accounts/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    cookie = "; ".join(c.split(";")[0] for c in response.headers.get_all("Set-Cookie"))
    form = urlencode({"email": email, "password": "demo", "csrfmiddlewaretoken": csrf})
    response, _body = Client(cookie).request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{PORT}/accounts/login/",
        },
    )
    session = [
        c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("sessionid")
    ]
    if response.status != 302 or not session:
        raise SystemExit(f"login failed for {email}: {response.status}")
    return "; ".join([cookie, *session])


FRESH = {
    "Cache-Control": "no-cache"
}  # a browser's forced reload: a signed-in reader's cached copy is not used


# What every audited write does to the cached pages (kompas/core/versions.py): the content version moves on.
# Django's Redis cache keeps the counter as a plain integer under its key function's name.
CONTENT_VERSION_KEY = ":1:kompas:version:content"


def after_a_write():
    """A step to run before each request: advance the content version in Redis, as a write elsewhere would."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    return lambda: client.incr(CONTENT_VERSION_KEY)


def drive(
    path: str,
    *,
    cookies: str,
    seconds: float,
    clients: int,
    headers: dict | None = None,
    before_each=None,
) -> dict:
    """``before_each``: a factory of a step each client runs before each request (its time is not counted)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        client = Client(cookies)
        step = before_each() if before_each else None
        local, bad = [], 0
        while time.perf_counter() < deadline:
            if step is not None:
                step()
            started = time.perf_counter()
            try:
                response, _data = client.request("GET", path, headers=headers)
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                client = Client(cookies)
            local.append(time.perf_counter() - started)
        with lock:
            latencies.extend(local)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    return {
        "rps": len(latencies) / elapsed,
        "p95_ms": p95 * 1000,
        "n": len(latencies),
        "errors": errors[0],
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
    }


SETUP = """
from django.contrib.auth import get_user_model
from django.db.models import Count
from kompas.goals.models import Goal
from kompas.citygoals.models import CityGoal
from kompas.valuemap.models import SnapshotGoal
from kompas.dialogues import services as dialogues
from kompas.dialogues.choices import MapState
from kompas.dialogues.models import Forum, OpinionMap
from kompas.proposals.choices import ProposalStatus
from kompas.proposals.models import Proposal
from kompas.surveys.choices import WaveStatus
from kompas.surveys.models import Wave
g = Goal.objects.filter(indicators__isnull=False, evidence__isnull=False).order_by("pk").first()
c = CityGoal.objects.order_by("order").first()
p = SnapshotGoal.objects.filter(snapshot__is_current=True).order_by("goal_id").first()
forum = Forum.objects.annotate(n=Count("participants")).order_by("-n").first()
citizen = get_user_model().objects.get(email="borger@demo.kompas.dk")
dialogues.participant_join(forum=forum, user=citizen, stakeholder_type="citizen")
if not OpinionMap.objects.filter(forum=forum, state=MapState.READY).exists():
    dialogues.map_compute(map_id=OpinionMap.objects.create(forum=forum).pk)
draft = Proposal.objects.filter(status=ProposalStatus.DRAFT).order_by("pk").first()
wave = Wave.objects.filter(status=WaveStatus.CLOSED).order_by("-pk").first()
print(g.pk, c.pk, p.goal_id, forum.pk, forum.n, draft.pk if draft else 0, wave.pk if wave else 0)
"""

PUBLIC_GOAL, STAFF_GOAL = 0.25, 0.15
FLOOR_PATH = "/bench/floor/"
FLOOR_EVERY = 4  # pages driven between two runs of the floor


class Floors:
    """The floor view, driven before the first page, after every ``FLOOR_EVERY`` pages and after the last
    (``close``). A page's reference is the mean of the floor runs just before and just after it."""

    def __init__(self, *, seconds: float, clients: int) -> None:
        self.seconds, self.clients = seconds, clients
        self.rates: list[float] = []
        self.waiting: list[tuple[str, dict]] = []  # pages driven since the last floor run
        self.done: list[tuple[str, dict, float]] = []
        self._run()

    def _run(self) -> None:
        self.rates.append(drive(FLOOR_PATH, cookies="", seconds=self.seconds, clients=self.clients)["rps"])
        before, after = self.rates[-2:] if len(self.rates) > 1 else (self.rates[-1], self.rates[-1])
        self.done += [(label, result, (before + after) / 2) for label, result in self.waiting]
        self.waiting = []

    def beside(self, label: str, result: dict) -> None:
        self.waiting.append((label, result))
        if len(self.waiting) >= FLOOR_EVERY:
            self._run()

    def close(self) -> list[tuple[str, dict, float]]:
        if self.waiting:
            self._run()
        return self.done


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument(
        "--no-fresh",
        action="store_true",
        help="skip the second pass that renders each signed-in page afresh (Cache-Control: no-cache)",
    )
    parser.add_argument(
        "--no-after-write",
        action="store_true",
        help="skip the third pass that renders each signed-in page afresh right after a write elsewhere",
    )
    parser.add_argument("--clients", type=int, default=8)
    web_server.add_arguments(parser)
    parser.add_argument(
        "--skip-data", action="store_true", help="reuse the existing kompas_bench database as it is"
    )
    parser.add_argument(
        "--skip",
        default="",
        help="leave out the pages whose label contains this text (the floor always runs)",
    )
    args = parser.parse_args()
    if not args.skip_data:
        ensure_database()
    analyse()
    ids = manage("shell", "-c", SETUP).strip().splitlines()[-1].split()
    goal, city_goal, public_goal, forum, forum_size, draft, wave = ids
    gunicorn = subprocess.Popen(
        web_server.command(args, HOST, PORT, error_log="-"),
        cwd=ROOT,
        env=ENV,
    )
    try:
        for _ in range(100):
            try:
                Client().request("GET", "/bench/floor/")
                break
            except OSError:
                time.sleep(0.2)
        staff = login("medarbejder@demo.kompas.dk")
        citizen = login("borger@demo.kompas.dk")
        leader = login("leder@demo.kompas.dk")
        programme = login("programstab@demo.kompas.dk")
        pages = [
            ("home (public)", "/", ""),
            ("home (citizen)", "/", citizen),
            ("home (staff)", "/", staff),
            ("home (leader)", "/", leader),
            ("home (programme)", "/", programme),
            ("goals:list (staff)", "/goals/", staff),
            ("goals:detail (staff)", f"/goals/{goal}/", staff),
            ("valuemap:overview (public)", "/value-map/", ""),
            ("valuemap:citygoal (public)", f"/value-map/city-goal/{city_goal}/", ""),
            ("valuemap:overview (staff, live)", "/value-map/", staff),
            ("valuemap:citygoal (staff, live)", f"/value-map/city-goal/{city_goal}/", staff),
            ("valuemap:goal (public)", f"/value-map/goal/{public_goal}/", ""),
            ("fund:index (public)", "/fund/", ""),
            ("stoplist:public (public)", "/farewell/goodbye/", ""),
            ("proposals:published (public)", "/proposals/published/", ""),
            ("library:search (public, query)", "/library/?q=samarbejde", ""),
            ("library:search (staff, query)", "/library/?q=samarbejde", staff),
            ("core:search (public)", "/search/?q=skole", ""),
            ("core:search (staff)", "/search/?q=skole", staff),
            (f"dialogues:vote ({forum_size} p., citizen)", f"/dialogues/{forum}/vote/", citizen),
            (f"dialogues:map ({forum_size} p., public)", f"/dialogues/{forum}/map/", ""),
            (f"dialogues:map ({forum_size} p., staff)", f"/dialogues/{forum}/map/", staff),
            ("fund:manage (programme)", "/fund/manage/", programme),
        ]
        if draft != "0":
            pages.append(("proposals:edit (programme)", f"/proposals/{draft}/edit/", programme))
        if wave != "0":
            pages.append(("surveys:results (leader)", f"/surveys/runde/{wave}/resultater/", leader))
        pages.append(("surveys:trends (leader)", "/surveys/udvikling/", leader))
        if args.skip:
            pages = [page for page in pages if args.skip not in page[0]]
        anonymous_or_citizen = {"", citizen}
        for _label, path, cookies in pages:  # warm up every worker and cache
            drive(path, cookies=cookies, seconds=1.0, clients=args.clients)
        floors = Floors(seconds=args.seconds, clients=args.clients)
        for label, path, cookies in pages:
            floors.beside(label, drive(path, cookies=cookies, seconds=args.seconds, clients=args.clients))
        signed_in = [(label, path, cookies) for label, path, cookies in pages if cookies]
        passes = []
        if not args.no_fresh:  # the same signed-in pages rendered afresh, as on a first view (ADR 0025)
            passes.append(("fresh", None))
        if not args.no_after_write:  # ... and right after a write elsewhere: every content-keyed cache misses
            passes.append(("after a write", after_a_write))
        # After a write the anonymous pages are built again too (their page cache is keyed on the version).
        anonymous = [(label, path, c) for label, path, c in pages if not c and "(public" in label]
        for name, before_each in passes:
            driven = signed_in + anonymous if before_each is not None else signed_in
            again = [(f"{label} {name}", path, cookies) for label, path, cookies in driven]
            pages += again
            for label, path, cookies in again:
                result = drive(
                    path,
                    cookies=cookies,
                    seconds=args.seconds,
                    clients=args.clients,
                    headers=FRESH,
                    before_each=before_each,
                )
                floors.beside(label, result)
        results = floors.close()
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a worker stuck in a slow page: the figures are still printed
            gunicorn.kill()
            gunicorn.wait()
    print(
        f"\n{web_server.describe(args)}, {args.clients} clients, {args.seconds:.0f} s per "
        "page, PostgreSQL, aarhus data"
    )
    rates = [f"{rate:,.0f}" for rate in floors.rates]
    print(f"floor view, driven {len(rates)} times between the pages: {' '.join(rates)} req/s")
    print(f"{'page':40} {'req/s':>8} {'p95 ms':>8} {'median':>8} {'errors':>7} {'floor':>7} {'ratio':>7}")
    goals = {
        label: PUBLIC_GOAL if cookies in anonymous_or_citizen else STAFF_GOAL for label, _p, cookies in pages
    }
    for label, r, floor in results:
        ratio = r["rps"] / floor if floor else float("nan")
        goal_ratio = goals[label]
        mark = (
            ""
            if label.startswith("floor")
            else ("  ok" if ratio >= goal_ratio else f"  below {goal_ratio:.0%}")
        )
        print(
            f"{label:40} {r['rps']:8.1f} {r['p95_ms']:8.1f} {r['median_ms']:8.1f} {r['errors']:7d} "
            f"{floor:7.0f} {ratio:7.1%}{mark}"
        )


if __name__ == "__main__":
    main()
