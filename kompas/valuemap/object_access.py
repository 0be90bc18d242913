"""Who may read a snapshot of the value map: programme staff, who publish it (ADR 0015)."""

from kompas.core import object_access
from kompas.core.roles import is_programme_staff

from .models import Snapshot


def register() -> None:
    object_access.register("valuemap.snapshot", object_access.by_rule(Snapshot, is_programme_staff))
