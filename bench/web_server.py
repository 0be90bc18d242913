"""The gunicorn both benchmarks start: production's settings (config/gunicorn.py, ADR 0032), with the number of
processes ``--workers`` gives or production's rule, and sync workers with ``--sync`` (rounds 4-13 of
docs/performance.md ran three sync workers)."""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn worker processes (default: production's rule in config/gunicorn.py, one per core and one "
        "more, ADR 0032)",
    )
    parser.add_argument(
        "--sync",
        action="store_true",
        help="sync workers instead of production's two threads per process (rounds 4-13 of docs/performance.md "
        "ran 3 sync workers)",
    )


def production_workers() -> int:
    """The number of processes production starts on this machine."""
    sys.path.insert(0, str(ROOT))
    from config.gunicorn import worker_count

    return worker_count()


def describe(args: argparse.Namespace) -> str:
    """What the run's header says of the server, e.g. "3 gunicorn workers (production's rule, 2 threads each)"."""
    origin = "given" if args.workers else "production's rule, config/gunicorn.py"
    kind = "sync" if args.sync else "2 threads each"
    return f"{args.workers or production_workers()} gunicorn workers ({origin}, {kind})"


def command(args: argparse.Namespace, host: str, port: int, error_log: str) -> list[str]:
    """gunicorn's command line for the benchmark's WSGI application on ``host``:``port``."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        "-c",  # the production settings, with the number of processes given here
        str(ROOT / "config" / "gunicorn.py"),
        "-w",
        str(args.workers or production_workers()),
        "-b",
        f"{host}:{port}",
        "--access-logfile",
        "/dev/null",
        "--error-logfile",
        error_log,
        "--log-level",
        "warning",
        *(["-k", "sync", "--threads", "1"] if args.sync else []),  # threads > 1 would make it gthread
    ]
