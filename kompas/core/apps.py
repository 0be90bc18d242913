from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(sender: AppConfig, using: str = "default", verbosity: int = 1, **kwargs: Any) -> None:
    """``migrate`` also creates the database cache's table when the settings use one (ADR 0016)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class CoreConfig(AppConfig):
    name = "kompas.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="kompas.core.create_cache_tables")
        # Each request and each Celery task starts unpinned from the primary (kompas/core/db_router.py).
        from celery.signals import task_prerun
        from django.core.signals import request_started

        from .db_router import start_of_request

        request_started.connect(start_of_request, dispatch_uid="kompas.core.db_router.request")
        # Every change made in the Django admin is logged there: no cached page outlives it (ADR 0025).
        from django.contrib.admin.models import LogEntry

        from .versions import bump_on_change

        bump_on_change(LogEntry)
        task_prerun.connect(start_of_request, dispatch_uid="kompas.core.db_router.task", weak=False)
