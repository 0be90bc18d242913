"""The load balancer's health check: can this web process reach the database, the cache and the broker?

Each check answers ``"ok"``, ``"not used"`` (no broker when Celery runs tasks in-process) or ``"error"``. The
reason of an error goes to the log only: the answer is public and must not tell hosts, users or passwords.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger("kompas.health")
BROKER_TIMEOUT_SECONDS = 2


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    value = secrets.token_hex(8)
    cache.set("kompas:healthz", value, 30)
    if cache.get("kompas:healthz") != value:
        raise RuntimeError("the cache did not keep a value")
    return "ok"


def check_broker() -> str:
    from celery import current_app

    if current_app.conf.task_always_eager:
        return "not used"
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # any failure is a failed check; the reason goes to the log, not the answer
            logger.exception("health check %s failed", name)
            results[name] = "error"
    return all(result != "error" for result in results.values()), results
