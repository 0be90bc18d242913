"""Who may read a trial: the trials' own accessor and page rule (ADR 0015)."""

from kompas.core import object_access

from . import selectors
from .permissions import can_view_trials


def register() -> None:
    object_access.register(
        "trials.trial", object_access.from_guarded(selectors.trial_get_for_user, rule=can_view_trials)
    )
