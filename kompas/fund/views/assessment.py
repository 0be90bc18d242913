"""Assessment: the assessors' and the advisory board's rooms."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kompas.core.access import access

from .. import selectors, services
from ..choices import OPEN_FOR_DECISION, ApplicationStatus
from ..forms import (
    AdvisoryCommentForm,
    DeclarationForm,
    ScoreForm,
)
from ..models import (
    Criterion,
    Score,
)
from ..object_access import assignment_get_for_user, get_or_404
from ..permissions import (
    is_advisory,
    is_assessor,
    may_see_as_advisory,
)
from .base import _application_for, _fail


@access(is_assessor, label="assessors")
def assessor_home(request):
    assignments = list(selectors.assignments_of(request.user))
    open_ = ApplicationStatus.IN_ASSESSMENT
    waiting = [
        a for a in assignments if a.application.status == open_ and not a.submitted_at and not a.has_conflict
    ]
    done = [a for a in assignments if a not in waiting]
    return render(request, "fund/assessor_home.html", {"waiting": waiting, "done": done})


@access(is_assessor, label="assessors")
def assess(request, pk: int):
    assignment = get_or_404(assignment_get_for_user, request.user, pk)
    application = assignment.application
    if application.round.is_sealed_now():
        raise Http404
    if not assignment.is_declared:
        form = DeclarationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.conflict_declare(assignment=assignment, actor=request.user, **form.cleaned_data)
            except services.FundError as exc:
                _fail(request, exc, form)
            else:
                return redirect("fund:assess", pk=assignment.pk)
        # Only the title and the round before the declaration: nothing of the content.
        return render(request, "fund/declare.html", {"assignment": assignment, "form": form})
    if assignment.has_conflict:
        return render(request, "fund/conflict.html", {"assignment": assignment})
    application = selectors.application_get(application.pk)
    criteria = list(
        Criterion.objects.filter(fund_id=application.round.fund_id, is_active=True).order_by(
            "-is_main", "order"
        )
    )
    existing = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
    score_form = ScoreForm(request.POST or None, criteria=criteria, existing=existing)
    if request.method == "POST" and score_form.is_valid():
        finish = "finish" in request.POST
        scores = score_form.scores(finish=finish)
        if not score_form.errors:
            try:
                services.scores_save(assignment=assignment, actor=request.user, scores=scores, finish=finish)
            except services.FundError as exc:
                _fail(request, exc, score_form)
            else:
                messages.success(request, _("Your assessment has been saved."))
                if finish:
                    return redirect("fund:assessor-home")
                return redirect("fund:assess", pk=assignment.pk)
    return render(
        request,
        "fund/assess.html",
        {
            "assignment": assignment,
            "application": application,
            "form": score_form,
            "anonymous": application.round.anonymise_applicants,
            "editable": application.status in OPEN_FOR_DECISION,
        },
    )


@access(is_advisory, label="advisory board")
def advisory(request):
    return render(request, "fund/advisory.html", {"applications": selectors.shortlisted_applications()})


@access(is_advisory, label="advisory board")
def advisory_application(request, pk: int):
    application = _application_for(request, pk, may_see_as_advisory)
    if application.round.is_sealed_now():
        raise Http404
    form = AdvisoryCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advisory_comment_add(application=application, actor=request.user, **form.cleaned_data)
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, _("Your comment has been saved."))
            return redirect("fund:advisory-application", pk=application.pk)
    comments = application.advisory_comments.select_related("author")
    return render(
        request,
        "fund/advisory_application.html",
        {"application": application, "form": form, "comments": comments},
    )
