"""The public rooms: the fund, its rounds and the funded projects with their effect reports."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from kompas.core import versions
from kompas.core.access import public
from kompas.core.page_cache import cache_anonymous_page

from .. import ledger, selectors
from ..forms import (
    DisbursementForm,
    SpreadForm,
)
from ..object_access import get_or_404, round_get_for_user
from ..permissions import (
    can_manage_fund,
    can_view_internal,
    is_advisory,
    is_assessor,
    may_report,
)


def _index_source(request) -> str:
    """The content version and how many round dates have passed: a round opening or closing shows at once."""
    version = versions.current("content")
    return f"{version}:{selectors.round_phase(version=version)}"


@public
@cache_anonymous_page(_index_source)
def index(request):
    fund = selectors.current_fund()
    context = selectors.fund_overview(fund) if fund else {"fund": None}
    context["now"] = timezone.now()
    context.update(
        can_manage=can_manage_fund.test(request.user),
        is_staff=can_view_internal.test(request.user),
        is_assessor=is_assessor.test(request.user),
        is_advisory=is_advisory.test(request.user),
    )
    return render(request, "fund/index.html", context)


@public
def round_detail(request, pk: int):
    round_ = get_or_404(round_get_for_user, request.user, pk)
    return render(
        request,
        "fund/round_detail.html",
        {
            "round": round_,
            "themes": round_.fund.themes.filter(is_active=True),
            "criteria": round_.fund.criteria.filter(is_active=True),
            "is_open": round_.is_open(),
        },
    )


@public
def project_list(request):
    page = Paginator(selectors.public_projects(), 25).get_page(request.GET.get("page"))
    return render(request, "fund/project_list.html", {"page": page})


@public
def project_detail(request, pk: int):
    project = selectors.project_get(pk)
    user = request.user
    can_report = user.is_authenticated and may_report(user, project)
    context = {
        "project": project,
        "application": project.application,
        "can_report": can_report,
        "can_manage": can_manage_fund.test(user),
    }
    if context["can_manage"]:
        context["open_commitments"] = sorted(ledger.project_open_commitments(project=project).items())
        context["disburse_form"] = DisbursementForm(prefix="pay")
        context["spread_form"] = SpreadForm(
            prefix="spread", initial={"spread": project.spread, "note": project.spread_note}
        )
    return render(request, "fund/project_detail.html", context)
