"""The trials' side of shared learnings (kompas.core.learnings): what an iteration shares with the library."""

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import timezone

from kompas.core.learnings import SharedLearning
from kompas.goals.models import Goal

from .models import Iteration, Trial

PATHS = ("solve", "learn")  # trials are new ways to solve and to learn


def key_of(iteration: Iteration) -> str:
    return f"trials.iteration:{iteration.pk}"


def _city_goal_ids(trial: Trial) -> tuple[int, ...]:
    ids = {cg.pk for cg in trial.city_goals.all()}
    for goal in trial.goals.all():
        ids.update(cg.pk for cg in goal.city_goals.all())
    return tuple(sorted(ids))


def learning_of(iteration: Iteration, trial: Trial | None = None) -> SharedLearning:
    """The learning as it now is; ``shared`` is False when it is not (or no longer) marked shareable."""
    trial = trial or iteration.trial
    body = iteration.learned
    if iteration.will_change:
        body = f"{body}\n\n{iteration.will_change}"
    if iteration.decision and iteration.decision_reason:
        body = f"{body}\n\n{iteration.get_decision_display()}: {iteration.decision_reason}"
    when = iteration.decided_at or iteration.updated_at or timezone.now()
    return SharedLearning(
        key=key_of(iteration),
        kind="trial",
        title=f"{trial.title} – {iteration.number}. iteration",
        body=body,
        url=f"{trial.get_absolute_url()}#iteration-{iteration.number}",
        date=timezone.localdate(when) if timezone.is_aware(when) else when.date(),
        shared=iteration.shareable and bool(iteration.learned.strip()),
        department_id=trial.owner_unit.department_id,
        city_goal_ids=_city_goal_ids(trial),
        paths=PATHS,
    )


def source() -> Iterator[SharedLearning]:
    """Every learning the trials currently share (for rebuilding the library's index)."""
    iterations = (
        Iteration.objects.filter(shareable=True)
        .exclude(learned="")
        .select_related("trial__owner_unit")
        .prefetch_related(
            "trial__city_goals",
            Prefetch("trial__goals", queryset=Goal.objects.prefetch_related("city_goals")),
        )
        .order_by("pk")
    )
    for iteration in iterations.iterator(chunk_size=500):
        yield learning_of(iteration)
