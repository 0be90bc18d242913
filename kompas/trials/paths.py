"""What the trials hold on the compass's paths (``kompas.core.paths``): a trial is a way to solve. Built from
the trials' own list and page rule (``can_view_trials``) and their rule for managing a trial."""

from django.utils.translation import gettext_lazy as _

from kompas.core import paths

from . import selectors
from .permissions import can_manage_trial, can_view_trials

PROVIDER = paths.declare(
    key="trials",
    heading=_("Trials"),
    order=30,
    label="trials.trial",
    kind_label=_("Trial"),
    natural={"solve"},
    visible=lambda user: selectors.trials_for_list(),
    show=lambda trial, user: paths.Shown(
        title=trial.title,
        url=trial.get_absolute_url(),
        summary=trial.question,
        date=trial.updated_at,
        status_label=trial.get_status_display(),
    ),
    may_change=can_manage_trial,
    rule=can_view_trials,
)


def register() -> None:
    paths.register(PROVIDER)
