"""Benchmarks: never part of `make test`; each prints its figures beside a floor measured in the same run."""

import os


def production_workers() -> int:
    """gunicorn's sync workers as production runs them (docs/operations.md): 2 × the machine's cores + 1, so
    a worker waiting for PostgreSQL or Redis leaves the core to another."""
    return 2 * (os.cpu_count() or 1) + 1
