"""gunicorn's settings for Kompas's web process: ``gunicorn -c config/gunicorn.py config.wsgi`` (README).

One process per core and one more, two threads in each (ADR 0032, which replaces ADR 0030's sync workers). A
request waits while PostgreSQL flushes its commit to disk or Redis answers. Every vote is a commit. While one
thread waits, the other thread of its process runs, so the cores do not idle through those waits. Yet no more
processes than cores and one compete for the CPU on the heavy pages. (Measured on two cores: three sync workers
left 11–18 % of the machine idle during the votes; five sync workers served the leader's front page rendered
afresh a quarter slower than three did.)

No keep-alive: a connection per request, as the sync workers had. In production the TLS proxy keeps the
browsers' connections open, and by default it opens a new one to gunicorn for each request anyway.
``WEB_CONCURRENCY`` gives another number of processes, as gunicorn's own setting of that name does (a container
limited by a CPU quota rather than a CPU set should give it). ``--threads`` on the command line overrides the
threads."""

import os
from collections.abc import Mapping

THREADS = 2


def cores() -> int:
    """The cores this process may run on (its CPU set, not the host's count; a CPU quota is not seen here)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(environ: Mapping[str, str] = os.environ) -> int:
    """``WEB_CONCURRENCY`` when it is a positive whole number, else one process per core and one more."""
    given = environ.get("WEB_CONCURRENCY", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    return cores() + 1


workers = worker_count()
worker_class = "gthread"
threads = THREADS
keepalive = 0
bind = "0.0.0.0:8000"  # the command line's -b overrides it
