"""Writes of Afprøvninger. Keyword-only, transactional, audited; shared learnings announced after commit."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kompas import activity
from kompas.activity.services import Audited, audited_create, audited_update
from kompas.core.keep import KEEP, Keep, given, given_of
from kompas.core.learnings import announce

from . import verbs
from .choices import DECIDABLE_FROM, STATUS_AFTER, Decision
from .learnings import learning_of
from .models import Iteration, Trial

if TYPE_CHECKING:
    from kompas.accounts.models import User
    from kompas.citygoals.models import CityGoal
    from kompas.fund.models import Project
    from kompas.goals.models import Goal
    from kompas.organisations.models import Unit

TRIAL_FIELDS = (
    "title",
    "question",
    "value_sought",
    "where",
    "with_whom",
    "how_we_know",
    "owner_unit",
    "visibility",
    "fund_project",
)
TRIAL_M2M = ("goals", "city_goals", "co_owner_units")
AUDITED_TRIAL = Audited(TRIAL_FIELDS, m2m=TRIAL_M2M)
ITERATION_FIELDS = ("plan", "tried", "saw_numbers", "saw_stories", "learned", "will_change", "shareable")
AUDITED_ITERATION = Audited(ITERATION_FIELDS)


class TrialError(Exception):
    """A step the trial's state does not allow; ``code`` says which."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _announce_all(trial: Trial) -> None:
    """A change to the trial (title, city goals) changes what its shared learnings say."""
    for iteration in trial.iterations.filter(shareable=True):
        announce(learning_of(iteration, trial))


@transaction.atomic
def trial_create(
    *,
    actor: "User",
    title: str,
    question: str,
    value_sought: str,
    where: str,
    with_whom: str,
    how_we_know: str,
    owner_unit: "Unit",
    visibility: str | Keep = KEEP,
    fund_project: "Project | None" = None,
    goals: "Iterable[Goal]" = (),
    city_goals: "Iterable[CityGoal]" = (),
    co_owner_units: "Iterable[Unit]" = (),
    owner: "User | None" = None,
) -> Trial:
    """Create a trial; the owner is the actor unless named. Co-owner units (across departments) share it."""
    trial = Trial(owner=owner or actor, **given_of(locals(), TRIAL_FIELDS))
    return audited_create(
        instance=trial,
        actor=actor,
        verb=verbs.TRIAL_CREATED,
        audited=AUDITED_TRIAL,
        m2m={
            "goals": goals,
            "city_goals": city_goals,
            "co_owner_units": [u for u in co_owner_units if u.pk != owner_unit.pk],
        },
        clean_exclude=["owner"],
    )


@transaction.atomic
def trial_update(
    *,
    trial: Trial,
    actor: "User",
    title: str | Keep = KEEP,
    question: str | Keep = KEEP,
    value_sought: str | Keep = KEEP,
    where: str | Keep = KEEP,
    with_whom: str | Keep = KEEP,
    how_we_know: str | Keep = KEEP,
    owner_unit: "Unit | Keep" = KEEP,
    visibility: str | Keep = KEEP,
    fund_project: "Project | None | Keep" = KEEP,
    goals: "Iterable[Goal] | Keep" = KEEP,
    city_goals: "Iterable[CityGoal] | Keep" = KEEP,
    co_owner_units: "Iterable[Unit] | Keep" = KEEP,
) -> Trial:
    """Change the fields given; those left at ``KEEP`` stay as they are."""
    values = given_of(locals(), AUDITED_TRIAL.names)
    if "co_owner_units" in values:
        lead = values.get("owner_unit", trial.owner_unit)
        values["co_owner_units"] = [u for u in values["co_owner_units"] if u.pk != lead.pk]
    trial, changes = audited_update(
        instance=trial, actor=actor, verb=verbs.TRIAL_UPDATED, audited=AUDITED_TRIAL, values=values
    )
    if changes:
        _announce_all(trial)
    return trial


@transaction.atomic
def iteration_start(
    *,
    trial: Trial,
    actor: "User",
    plan: str,
    tried: str = "",
    saw_numbers: str = "",
    saw_stories: str = "",
    learned: str = "",
    will_change: str = "",
    shareable: bool | Keep = KEEP,
) -> Iteration:
    """Start the next iteration. The previous one must have ended with a decision, and not a stop."""
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if trial.is_stopped:
        raise TrialError("stopped")
    if trial.iterations.filter(decision="").exists():
        raise TrialError("undecided")
    number = (trial.iterations.aggregate(n=Max("number"))["n"] or 0) + 1
    iteration = Iteration(
        trial=trial,
        number=number,
        author=actor,
        plan=plan,
        tried=tried,
        saw_numbers=saw_numbers,
        saw_stories=saw_stories,
        learned=learned,
        will_change=will_change,
        **given(shareable=shareable),
    )
    iteration.full_clean()
    iteration.save()
    trial.save(update_fields=["updated_at"])
    activity.record(
        actor=actor, verb=verbs.ITERATION_STARTED, target=trial, changes={"iteration": [None, number]}
    )
    if iteration.shareable:
        announce(learning_of(iteration, trial))
    return iteration


@transaction.atomic
def iteration_update(
    *,
    iteration: Iteration,
    actor: "User",
    plan: str | Keep = KEEP,
    tried: str | Keep = KEEP,
    saw_numbers: str | Keep = KEEP,
    saw_stories: str | Keep = KEEP,
    learned: str | Keep = KEEP,
    will_change: str | Keep = KEEP,
    shareable: bool | Keep = KEEP,
) -> Iteration:
    """Change the fields given; those left at ``KEEP`` stay as they are."""
    iteration, changes = audited_update(
        instance=iteration,
        actor=actor,
        verb=verbs.ITERATION_UPDATED,
        audited=AUDITED_ITERATION,
        values=given_of(locals(), ITERATION_FIELDS),
        target=iteration.trial,
        label=lambda updated: updated.number,
    )
    # Shared before or after: the library's copy follows (is changed or withdrawn).
    if iteration.shareable or "shareable" in changes:
        announce(learning_of(iteration))
    return iteration


@transaction.atomic
def iteration_decide(*, iteration: Iteration, decision: str, reason: str, actor: "User") -> Iteration:
    """The owner's decision after an iteration: continue, adjust, scale or stop, always with a reason.

    A decision needs what was learned; stopping makes the reason and the learning the trial's result.
    """
    iteration = Iteration.objects.select_for_update().get(pk=iteration.pk)
    trial = Trial.objects.select_for_update().get(pk=iteration.trial_id)
    if iteration.is_decided:
        if iteration.decision == decision and iteration.decision_reason == reason:
            return iteration  # a double submit changes nothing
        raise TrialError("decided")
    if trial.status not in DECIDABLE_FROM:
        raise TrialError("stopped")
    if not iteration.learned.strip():
        raise TrialError("no_learning")
    if not reason.strip():
        raise TrialError("no_reason")
    decision = Decision(decision)
    iteration.decision = decision
    iteration.decision_reason = reason
    iteration.decided_at = timezone.now()
    iteration.decided_by = actor
    iteration.save()
    before = trial.status
    trial.status = STATUS_AFTER[decision]
    if decision == Decision.STOP:
        trial.stopped_at = iteration.decided_at
        trial.result = reason
    trial.save()
    activity.record(
        actor=actor,
        verb=verbs.TRIAL_DECIDED,
        target=trial,
        changes={"status": [before, trial.status], f"{iteration.number}: decision": [None, decision.value]},
    )
    if iteration.shareable:
        iteration.trial = trial
        announce(learning_of(iteration, trial))
    return iteration
