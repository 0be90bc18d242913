"""gunicorn's settings for Kompas's web process: ``gunicorn -c config/gunicorn.py config.wsgi`` (README).

Sync workers, two per core and one more (ADR 0030). A sync worker holds its process while PostgreSQL flushes a
commit to disk or Redis answers; a vote is a commit, and with fewer workers the cores idle through those waits
(measured: 14 % of the machine idle during the votes with three workers on two cores, a few per cent with five).
``WEB_CONCURRENCY`` sets another number, as gunicorn's own setting of that name does (a container limited by a CPU
quota rather than a CPU set should give it)."""

import os
from collections.abc import Mapping


def cores() -> int:
    """The cores this process may run on (its CPU set, not the host's count; a CPU quota is not seen here)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(environ: Mapping[str, str] = os.environ) -> int:
    """``WEB_CONCURRENCY`` when it is a positive whole number, else two per core and one more."""
    given = environ.get("WEB_CONCURRENCY", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    return 2 * cores() + 1


workers = worker_count()
worker_class = "sync"
bind = "0.0.0.0:8000"  # the command line's -b overrides it
