"""Projects and effects: milestones, effect reports, early stops and spreading."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core import formats
from kompas.core.access import access

from .. import services
from ..choices import GrantingBody, ProjectStatus
from ..forms import (
    EffectReportForm,
    MilestoneForm,
    SpreadForm,
    StopForm,
    StopProposalForm,
)
from ..models import (
    Project,
)
from ..object_access import get_or_404, milestone_get_for_user, project_get_for_user
from ..permissions import (
    can_apply,
    can_manage_fund,
    may_report,
)
from .base import _fail


@access(can_manage_fund, label="programme")
@require_POST
def spread(request, pk: int):
    project = get_or_404(project_get_for_user, request.user, pk)
    form = SpreadForm(request.POST, prefix="spread")
    if form.is_valid():
        services.project_spread_set(
            project=project,
            actor=request.user,
            spread=form.cleaned_data["spread"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Saved."))
    return redirect(project)


def _project_for_reporter(request, pk: int) -> Project:
    project = get_or_404(project_get_for_user, request.user, pk)
    if not may_report(request.user, project):
        raise Http404
    return project


@access(can_apply, label="signed in")
def milestone_add(request, pk: int):
    project = _project_for_reporter(request, pk)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.milestone_add(project=project, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone has been added."))
        return redirect(project)
    return render(
        request, "fund/simple_form.html", {"form": form, "project": project, "heading": _("New milestone")}
    )


@access(can_apply, label="signed in")
@require_POST
def milestone_reached(request, pk: int):
    milestone = get_or_404(milestone_get_for_user, request.user, pk)
    if not may_report(request.user, milestone.project):
        raise Http404
    services.milestone_reached(milestone=milestone, actor=request.user)
    messages.success(request, _("The milestone is marked as reached."))
    return redirect(milestone.project)


@access(can_apply, label="signed in")
def report_create(request, pk: int):
    project = _project_for_reporter(request, pk)
    form = EffectReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.effect_report_create(
            project=project,
            actor=request.user,
            period_start=data["period_start"],
            period_end=data["period_end"],
            what_was_done=data["what_was_done"],
            effects_numbers=data["effects_numbers"],
            effects_experience=data["effects_experience"],
            economic_gain_realised=data["economic_gain_realised"],
            learning=data["learning"],
            shareable=data["shareable"],
        )
        messages.success(request, _("The effect report has been saved."))
        return redirect(project)
    return render(
        request,
        "fund/simple_form.html",
        {"form": form, "project": project, "heading": _("New effect report")},
    )


@access(can_apply, label="signed in")
def project_stop(request, pk: int):
    """Programme staff stop their own grants; for the city council's grants they draft a council proposal to
    stop, whose decision stops the project. The project's own people propose a stop with their reason (seed
    004: "fejl identificeres hurtigt og billigt")."""
    project = _project_for_reporter(request, pk)
    if project.status != ProjectStatus.RUNNING:
        raise Http404
    decides = can_manage_fund.test(request.user)
    if decides and services.granting_body(project) == GrantingBody.COUNCIL:
        # The city council granted the money, so its decision on a council proposal stops the project.
        return render(request, "fund/project_stop_council.html", {"project": project})
    form = (StopForm if decides else StopProposalForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if decides:
                released = services.project_stop(project=project, actor=request.user, **form.cleaned_data)
                text = _(
                    "The project has been stopped; %(amount)s went back to the pool. Thank you for the learning."
                ) % {"amount": formats.kr(released)}
            else:
                services.project_stop_propose(project=project, actor=request.user, **form.cleaned_data)
                text = _("Your proposal to stop has been sent. The body that granted the money decides.")
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, text)
            return redirect(project)
    if decides:
        heading = _("Stop the project early")
        intro = _(
            "Fail fast and cheaply: stopping in time is a result. "
            "What is committed and not paid out goes back to the pool."
        )
    else:
        heading = _("Propose to stop the project")
        intro = _(
            "Fail fast and cheaply: if the project will not give what it promised, propose to stop it. "
            "The body that granted the money decides, and what is not paid out goes back to the pool."
        )
    return render(
        request,
        "fund/simple_form.html",
        {"form": form, "project": project, "heading": heading, "intro": intro},
    )
