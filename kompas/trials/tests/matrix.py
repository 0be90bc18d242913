from kompas.core.access_matrix import OBJECT_MANAGERS, PUBLIC, STAFF, Expect, redirecting

# Managing and contributing need a place on the trial: the owner (the leader), programme staff and
# administrators; an employee outside the unit gets the same 404 as for a missing trial.
MANAGERS = OBJECT_MANAGERS


def _trial() -> dict:
    from kompas.trials.models import Trial
    from kompas.trials.tests import factories

    trial = Trial.objects.filter(title="Matrix-afprøvning").first() or factories.trial(
        title="Matrix-afprøvning"
    )
    return {"pk": trial.pk}


def _iteration() -> dict:
    from kompas.trials.models import Trial
    from kompas.trials.tests import factories

    trial = Trial.objects.get(pk=_trial()["pk"])
    iteration = trial.iterations.first() or factories.iteration(trial=trial)
    return {"pk": iteration.pk}


ENTRIES = {
    "trials:list": Expect(STAFF),
    "trials:create": Expect(STAFF),
    "trials:detail": Expect(STAFF, kwargs=_trial),
    "trials:edit": Expect(MANAGERS, kwargs=_trial),
    # The open iteration must be decided first, so the allowed answer is the form with its message (200).
    "trials:iteration-create": Expect(MANAGERS, kwargs=lambda: _iteration() and _trial()),
    "trials:iteration-edit": Expect(MANAGERS, kwargs=_iteration),
    "trials:iteration-decide": Expect(
        redirecting(MANAGERS),
        method="post",
        kwargs=_iteration,
        data=lambda: {"decision": "continue", "reason": "Vi fortsætter som planlagt."},
        note="the first allowed role decides; the same decision again is a harmless double submit",
    ),
    "api:list_trials": Expect(PUBLIC),
}
