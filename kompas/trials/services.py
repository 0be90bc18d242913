"""Writes of Afprøvninger. Keyword-only, transactional, audited; shared learnings announced after commit."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kompas import activity
from kompas.activity.services import changes_between, snapshot
from kompas.core import versions
from kompas.core.learnings import announce

from . import verbs
from .choices import DECIDABLE_FROM, STATUS_AFTER, Decision
from .learnings import learning_of
from .models import Iteration, Trial

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
TRIAL_M2M = ("goals", "city_goals")
ITERATION_FIELDS = ("plan", "tried", "saw_numbers", "saw_stories", "learned", "will_change", "shareable")


class TrialError(Exception):
    """A step the trial's state does not allow; ``code`` says which."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _state(trial: Trial) -> dict:
    return snapshot(trial, TRIAL_FIELDS, m2m=TRIAL_M2M)


def _set_m2m(trial: Trial, values: dict) -> None:
    for name in TRIAL_M2M:
        if name in values:
            getattr(trial, name).set(values[name])


def _announce_all(trial: Trial) -> None:
    """A change to the trial (title, city goals) changes what its shared learnings say."""
    for iteration in trial.iterations.filter(shareable=True):
        announce(learning_of(iteration, trial))


@transaction.atomic
def trial_create(*, actor, goals: Iterable = (), city_goals: Iterable = (), **fields) -> Trial:
    trial = Trial(owner=fields.pop("owner", actor), **fields)
    trial.full_clean(exclude=["owner"])
    trial.save()
    _set_m2m(trial, {"goals": goals, "city_goals": city_goals})
    versions.bump("content")
    activity.record(
        actor=actor, verb=verbs.TRIAL_CREATED, target=trial, changes=changes_between({}, _state(trial))
    )
    return trial


@transaction.atomic
def trial_update(*, trial: Trial, actor, **values) -> Trial:
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    before = _state(trial)
    for name in TRIAL_FIELDS:
        if name in values:
            setattr(trial, name, values[name])
    trial.full_clean()
    trial.save()
    _set_m2m(trial, values)
    changes = changes_between(before, _state(trial))
    if changes:
        versions.bump("content")
        activity.record(actor=actor, verb=verbs.TRIAL_UPDATED, target=trial, changes=changes)
        _announce_all(trial)
    return trial


@transaction.atomic
def iteration_start(*, trial: Trial, actor, **values) -> Iteration:
    """Start the next iteration. The previous one must have ended with a decision, and not a stop."""
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    if trial.is_stopped:
        raise TrialError("stopped")
    if trial.iterations.filter(decision="").exists():
        raise TrialError("undecided")
    number = (trial.iterations.aggregate(n=Max("number"))["n"] or 0) + 1
    iteration = Iteration(trial=trial, number=number, author=actor, **values)
    iteration.full_clean()
    iteration.save()
    trial.save(update_fields=["updated_at"])
    versions.bump("content")
    activity.record(
        actor=actor, verb=verbs.ITERATION_STARTED, target=trial, changes={"iteration": [None, number]}
    )
    if iteration.shareable:
        announce(learning_of(iteration, trial))
    return iteration


@transaction.atomic
def iteration_update(*, iteration: Iteration, actor, **values) -> Iteration:
    iteration = Iteration.objects.select_for_update().select_related("trial").get(pk=iteration.pk)
    before = snapshot(iteration, ITERATION_FIELDS)
    for name in ITERATION_FIELDS:
        if name in values:
            setattr(iteration, name, values[name])
    iteration.full_clean()
    iteration.save()
    changes = changes_between(before, snapshot(iteration, ITERATION_FIELDS))
    if changes:
        versions.bump("content")
        activity.record(
            actor=actor,
            verb=verbs.ITERATION_UPDATED,
            target=iteration.trial,
            changes={f"{iteration.number}: {k}": v for k, v in changes.items()},
        )
        if iteration.shareable or before["shareable"]:
            announce(learning_of(iteration))
    return iteration


@transaction.atomic
def iteration_decide(*, iteration: Iteration, decision: str, reason: str, actor) -> Iteration:
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
    versions.bump("content")
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
