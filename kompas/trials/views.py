from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from kompas.core.access import access
from kompas.core.forms import submit
from kompas.core.paging import render_list

from . import selectors, services
from .forms import DecisionForm, IterationForm, TrialFilterForm, TrialForm
from .permissions import can_contribute_trial, can_create_trial, can_manage_trial, can_view_trials

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ERRORS = {
    "stopped": gettext_lazy("The trial has stopped; it takes no new iterations or decisions."),
    "undecided": gettext_lazy("Decide on the current iteration before you start a new one."),
    "decided": gettext_lazy("This iteration has already been decided."),
    "no_learning": gettext_lazy("Write what you learned before you decide."),
    "no_reason": gettext_lazy("Give a reason for the decision."),
}


def _require(rule, user, trial) -> None:
    if not rule.test(user, trial):
        raise Http404  # the same answer as for a trial that does not exist


@access(can_view_trials, label="staff")
def trial_list(request):
    form = TrialFilterForm(request.GET or None)
    found = form.filters()
    trials = selectors.trials_for_list(
        query=found["q"] or "",
        status=found["status"] or "",
        city_goal=found["city_goal"],
        mine_of=request.user if found["mine"] else None,
        department=found["department"],
    )
    can_create = can_create_trial.test(request.user)
    return render_list(request, "trials/trial_list.html", trials, form=form, can_create=can_create)


@access(can_create_trial, label="staff")
def trial_create(request):
    form = TrialForm(request.POST or None, user=request.user)
    created = _("The trial has been created. Plan the first iteration.")
    if done := submit(request, form, services.trial_create, success=created):
        return done
    return render(request, "trials/trial_form.html", {"form": form, "trial": None})


@access(can_view_trials, label="staff")
def trial_detail(request, pk: int):
    trial = selectors.trial_get_for_user(user=request.user, pk=pk)
    iterations = list(trial.iterations.all())
    current = iterations[-1] if iterations and not iterations[-1].is_decided else None
    can_manage = can_manage_trial.test(request.user, trial)
    return render(
        request,
        "trials/trial_detail.html",
        {
            "trial": trial,
            "iterations": iterations,
            "current": current,
            "last_learning": next((i for i in reversed(iterations) if i.learned), None),
            "can_manage": can_manage,
            "can_contribute": can_contribute_trial.test(request.user, trial),
            "decision_form": DecisionForm() if current and can_manage else None,
        },
    )


@access(can_view_trials, label="staff")
def trial_edit(request, pk: int):
    trial = selectors.trial_get_for_user(user=request.user, pk=pk)
    _require(can_manage_trial, request.user, trial)
    form = TrialForm(request.POST or None, instance=trial, user=request.user)
    saved = _("The trial has been saved.")
    if done := submit(request, form, services.trial_update, trial=trial, success=saved, to=trial):
        return done
    return render(request, "trials/trial_form.html", {"form": form, "trial": trial})


@access(can_view_trials, label="staff")
def iteration_create(request, pk: int):
    trial = selectors.trial_get_for_user(user=request.user, pk=pk)
    _require(can_contribute_trial, request.user, trial)
    form = IterationForm(request.POST or None)
    error: StrOrPromise = ""
    saved = _("The iteration has been saved.")
    try:
        if done := submit(request, form, services.iteration_start, trial=trial, success=saved, to=trial):
            return done
    except services.TrialError as exc:
        error = ERRORS[exc.code]
    return render(
        request,
        "trials/iteration_form.html",
        {"form": form, "trial": trial, "iteration": None, "error": error},
    )


@access(can_view_trials, label="staff")
def iteration_edit(request, pk: int):
    iteration = selectors.iteration_get(pk=pk)
    trial = iteration.trial
    _require(can_contribute_trial, request.user, trial)
    if iteration.is_decided:
        messages.info(request, ERRORS["decided"])
        return redirect(trial)
    form = IterationForm(request.POST or None, instance=iteration)
    done = submit(
        request,
        form,
        services.iteration_update,
        iteration=iteration,
        success=_("The iteration has been saved."),
        to=f"{trial.get_absolute_url()}#iteration-{iteration.number}",
    )
    if done:
        return done
    return render(
        request,
        "trials/iteration_form.html",
        {"form": form, "trial": trial, "iteration": iteration, "error": ""},
    )


@access(can_view_trials, label="staff")
@require_POST
def iteration_decide(request, pk: int):
    iteration = selectors.iteration_get(pk=pk)
    _require(can_manage_trial, request.user, iteration.trial)
    form = DecisionForm(request.POST)
    error: StrOrPromise = ""
    recorded = pgettext("trial", "The decision has been recorded.")
    try:
        done = submit(
            request,
            form,
            services.iteration_decide,
            iteration=iteration,
            success=recorded,
            to=iteration.trial,
        )
    except services.TrialError as exc:
        error = ERRORS[exc.code]
    else:
        if done:
            return done
    trial = selectors.trial_get_for_user(user=request.user, pk=iteration.trial_id)
    iterations = list(trial.iterations.all())
    return render(
        request,
        "trials/trial_detail.html",
        {
            "trial": trial,
            "iterations": iterations,
            "current": iterations[-1] if iterations and not iterations[-1].is_decided else None,
            "last_learning": next((i for i in reversed(iterations) if i.learned), None),
            "can_manage": True,
            "can_contribute": True,
            "decision_form": form,
            "decision_error": error,
        },
        status=400,
    )
