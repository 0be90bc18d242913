"""Front-page panel: the person's own running trials and the iteration that waits for them. Registered in
TrialsConfig.ready with ``welcome.Panel(key="my-trials", build=panels.my_trials, ...)``."""

from django.db.models import Prefetch

from kompas.core.roles import is_staff_member

from .choices import TrialStatus
from .models import Iteration, Trial


def my_trials(request) -> dict | None:
    user = request.user
    if not user.is_authenticated or not is_staff_member.test(user):
        return None
    trials = list(
        Trial.objects.filter(owner=user)
        .exclude(status=TrialStatus.STOPPED)
        .select_related("owner_unit")
        .prefetch_related(
            Prefetch(
                "iterations",
                queryset=Iteration.objects.filter(decision="").order_by("number"),
                to_attr="open",
            )
        )
        .order_by("-updated_at")[:5]
    )
    if not trials:
        return None
    rows = []
    for trial in trials:
        current = trial.open[0] if trial.open else None
        rows.append({"trial": trial, "iteration": current, "to_decide": bool(current and current.learned)})
    return {"rows": rows}
