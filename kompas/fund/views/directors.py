"""The directors' group's room: the applications whose assessment is done, each with its scores, the main
criterion, the advisory board's input and the recommendation form (seed 004 §6: "Det er direktørgruppen, der
indstiller projekter til Borgmesterens Afdeling")."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kompas.core.access import access

from .. import selectors, services
from ..choices import OPEN_FOR_DECISION
from ..forms import RecommendationForm
from ..permissions import can_manage_fund, is_director, is_director_of, party_to_case_reason
from .base import _fail

can_see_directors_room = is_director | can_manage_fund


@access(can_see_directors_room, label="directors' group")
def directors(request):
    fund = selectors.current_fund()
    rows = selectors.awaiting_recommendation(fund=fund, user=request.user) if fund else []
    return render(request, "fund/directors.html", {"rows": rows})


@access(can_see_directors_room, label="directors' group")
def director_case(request, pk: int):
    application = selectors.application_get(pk)
    if application.is_draft or application.round.is_sealed_now():
        raise Http404
    party = party_to_case_reason(request.user, application)
    if party:
        return render(
            request,
            "fund/manage_application_party.html",
            {"application": application, "reason": party},
            status=403,
        )
    may_recommend = is_director_of(request.user, application.round.fund_id)
    form = RecommendationForm(
        request.POST if request.method == "POST" else None,
        prefix="rec",
        initial={"recommendation": application.recommendation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_record(application=application, actor=request.user, **form.cleaned_data)
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, _("The directors' group's recommendation has been recorded."))
            return redirect("fund:directors")
    context = {
        "application": application,
        "summaries": selectors.criterion_summaries(application),
        "overall": selectors.overall_summary(application),
        "progress": selectors.assessment_progress(application),
        "main_criterion": selectors.main_criterion_met(application),
        "comments": application.advisory_comments.select_related("author"),
        "form": form,
        "may_recommend": may_recommend and application.status in OPEN_FOR_DECISION,
    }
    return render(request, "fund/director_case.html", context)
