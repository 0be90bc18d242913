from typing import TYPE_CHECKING

from celery import shared_task
from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from celery import Task

PROBE_PREFIX = "kompas:topology-probe"
PROBE_MAX_SECONDS = 30


@shared_task(name="kompas.core.tasks.topology_probe", bind=True)  # type: ignore[untyped-decorator]  # celery has no types here
def topology_probe(self: "Task", key: str, seconds: float) -> str:
    """A deliberately slow, idempotent task for the topology check (ops/topology_check.py), which kills the
    worker while it sleeps and watches another worker finish it. Does nothing unless KOMPAS_TOPOLOGY_PROBE."""
    import os
    import time

    if not settings.KOMPAS_TOPOLOGY_PROBE:
        return "off"
    prefix = f"{PROBE_PREFIX}:{key}"
    cache.add(f"{prefix}:attempts", 0, 600)
    attempt = cache.incr(f"{prefix}:attempts")
    worker = f"{self.request.hostname} pid {os.getpid()}"
    cache.set(f"{prefix}:started:{attempt}", worker, 600)
    time.sleep(min(float(seconds), PROBE_MAX_SECONDS))
    cache.set(f"{prefix}:done", f"{worker}, attempt {attempt}", 600)
    return worker
