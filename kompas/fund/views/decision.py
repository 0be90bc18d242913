"""Decision and council: programme staff's case pages, screening, recommendation, decisions, council and ledger."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connections, router
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kompas.core import formats, versioned
from kompas.core.access import access
from kompas.core.fragments import cached_html
from kompas.core.page_cache import cache_reader_page

from .. import ledger, selectors, services
from ..choices import OPEN_FOR_DECISION, ApplicationStatus
from ..forms import (
    AssignForm,
    BatchDecisionForm,
    CouncilForm,
    DecisionForm,
    DisbursementForm,
    PeekForm,
    RecommendationForm,
    ScreeningForm,
)
from ..models import (
    Round,
)
from ..object_access import get_or_404, project_get_for_user, round_applications_for_user, round_get_for_user
from ..permissions import (
    can_manage_fund,
    is_director_of,
    party_application_ids,
    party_to_case_reason,
)
from .base import _fail, _sealed_block


def _sealed_now() -> list[int]:
    """Which rounds are sealed now, read fresh every time (a round closes without a write, and a change made
    outside the services bumps no version): just their ids, the same test as ``Round.is_sealed_now``.

    Written out as SQL (the model's names, the time bound): it runs on every render of the management list, and
    built by the ORM it took about four times the CPU (0.4 against 0.1 ms)."""
    connection = connections[router.db_for_read(Round)]
    meta = Round._meta
    quote = connection.ops.quote_name
    pk = quote(meta.pk.column)
    sql = (  # the model's own names, quoted; the time is a bound value
        f"SELECT {pk} FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('sealed').column)}"  # noqa: S608
        f" AND {quote(meta.get_field('closes_at').column)} > %s ORDER BY {pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(timezone.now())])
        return [row[0] for row in cursor.fetchall()]


def _manage_source(request) -> str:
    """The management list shows what is written (the content version) and which rounds are sealed now."""
    sealed = request._fund_sealed_now = _sealed_now()
    return f"{versioned.content_source(request)}:{sealed}"


@access(can_manage_fund, label="programme")
@cache_reader_page(_manage_source)
def manage(request):
    version = versioned.content_version(request)  # read before the data the cached list is built from
    round_id = request.GET.get("round") or ""
    status = request.GET.get("status") or ""
    query = (request.GET.get("q") or "").strip()[:100]
    sealed_ids = getattr(request, "_fund_sealed_now", None)
    if sealed_ids is None:  # not asked by the reader's page cache (ADR 0025) first
        sealed_ids = _sealed_now()

    def build() -> str:
        rounds = list(Round.objects.order_by("-opens_at").only("pk", "title", "opens_at"))
        qs = selectors.applications_for_programme(
            round_id=int(round_id) if round_id.isdigit() else None,
            status=status if status in ApplicationStatus.values else "",
            query=query,
        )
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        context = {
            "rounds": rounds,
            "page": page,
            "statuses": ApplicationStatus.choices,
            "round_id": round_id,
            "status": status,
            "q": query,
            "sealed_ids": sealed_ids,
        }
        return render_to_string("fund/manage_list.html", context, request)

    # The same for all programme staff: cached until anything is written or a round is sealed or opened.
    content = cached_html(
        name="fund-manage-page", parts=(version, sorted(request.GET.lists()), sealed_ids), build=build
    )
    return render(request, "fund/manage.html", {"content": content})


@access(can_manage_fund, label="programme")
def overview(request, pk: int):
    round_ = get_or_404(round_get_for_user, request.user, pk)
    if round_.is_sealed_now():
        messages.info(
            request, _("The round is sealed until it closes. Open an application to look (it is logged).")
        )
        rows = []
        # Titles only: opening one asks for a reason and logs the look (see _sealed_block).
        sealed = (
            round_applications_for_user(request.user, round_)
            .exclude(status=ApplicationStatus.DRAFT)
            .order_by("title")
            .only("pk", "title")
        )
    else:
        rows = selectors.assessment_overview(
            round=round_, user=request.user, status=request.GET.get("status", "")
        )
        sealed = None
    return render(request, "fund/overview.html", {"round": round_, "rows": rows, "sealed": sealed})


@access(can_manage_fund, label="programme")
def manage_application(request, pk: int):
    application = selectors.application_get(pk)
    if application.is_draft:
        raise Http404  # other people's drafts are theirs alone
    party = party_to_case_reason(request.user, application)
    if party:
        # A party to the case handles nothing on it and reads none of its assessment (separation of duties).
        return render(
            request,
            "fund/manage_application_party.html",
            {"application": application, "reason": party},
            status=403,
        )
    blocked = _sealed_block(request, application)
    if blocked:
        return blocked
    assignments = list(application.assignments.select_related("assessor").order_by("pk"))
    context = {
        "application": application,
        "assignments": assignments,
        "summaries": selectors.criterion_summaries(application),
        "overall": selectors.overall_summary(application),
        "progress": selectors.assessment_progress(application),
        "comments": application.advisory_comments.select_related("author"),
        "peeks": application.peeks.select_related("user"),
        "screen_form": ScreeningForm(prefix="screen"),
        "assign_form": AssignForm(
            prefix="assign", exclude_ids=[a.assessor_id for a in assignments] + [application.applicant_id]
        ),
        "recommend_form": RecommendationForm(
            prefix="rec", initial={"recommendation": application.recommendation}
        ),
        "decision_form": DecisionForm(prefix="dec"),
        "requires_council": _requires_council(application),
        "main_criterion": selectors.main_criterion_met(application),
        "is_director": is_director_of(request.user, application.round.fund_id),
        "open_for_decision": application.status in OPEN_FOR_DECISION,
        "budget_total": sum(line.amount for line in application.budget_lines.all()),
    }
    return render(request, "fund/manage_application.html", context)


def _requires_council(application) -> bool:
    from ..routing import requires_council

    if application.amount is None or application.first_year is None or application.last_year is None:
        return False
    return requires_council(
        application.granted_amount or application.amount, application.first_year, application.last_year
    )


@access(can_manage_fund, label="programme")
@require_POST
def peek(request, pk: int):
    application = selectors.application_get(pk)
    form = PeekForm(request.POST)
    if form.is_valid():
        services.peek_record(application=application, actor=request.user, reason=form.cleaned_data["reason"])
        request.session[f"fund-peek-{application.pk}"] = True
        return redirect("fund:manage-application", pk=application.pk)
    return render(request, "fund/peek.html", {"application": application, "form": form})


def _manage_post(request, pk: int, form_class, action, success: str):
    application = selectors.application_get(pk)
    if application.is_draft or application.round.is_sealed_now():
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(application, form.cleaned_data)
            messages.success(request, success)
        except ledger.LedgerRefused as exc:
            messages.error(request, services.refused_message(exc))
        except services.FundError as exc:
            messages.error(request, exc.message)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("fund:manage-application", pk=application.pk)


@access(can_manage_fund, label="programme")
@require_POST
def screen(request, pk: int):
    return _manage_post(
        request,
        pk,
        lambda data: ScreeningForm(data, prefix="screen"),
        lambda a, d: services.application_screen(
            application=a, actor=request.user, accept=d["decision"] == "accept", note=d["note"]
        ),
        _("The screening has been recorded."),
    )


@access(can_manage_fund, label="programme")
@require_POST
def assign(request, pk: int):
    application = selectors.application_get(pk)
    exclude = list(application.assignments.values_list("assessor_id", flat=True))
    return _manage_post(
        request,
        pk,
        lambda data: AssignForm(data, prefix="assign", exclude_ids=exclude),
        lambda a, d: services.assessor_assign(application=a, actor=request.user, assessor=d["assessor"]),
        _("The assessor has been assigned and asked to declare any conflict of interest."),
    )


@access(can_manage_fund, label="programme")
@require_POST
def shortlist(request, pk: int):
    application = selectors.application_get(pk)
    if application.is_draft:
        raise Http404
    try:
        services.shortlist_set(
            application=application, actor=request.user, shortlisted=request.POST.get("shortlisted") == "1"
        )
    except services.FundError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The shortlist has been updated."))
    return redirect("fund:manage-application", pk=application.pk)


@access(can_manage_fund, label="programme")
@require_POST
def recommend(request, pk: int):
    return _manage_post(
        request,
        pk,
        lambda data: RecommendationForm(data, prefix="rec"),
        lambda a, d: services.recommendation_record(application=a, actor=request.user, **d),
        _("The directors' group's recommendation has been recorded."),
    )


@access(can_manage_fund, label="programme")
@require_POST
def decide(request, pk: int):
    def act(application, data):
        result = services.application_decide(application=application, actor=request.user, **data)
        if result.council:
            messages.info(
                request, _("The grant needs the city council's decision. The application now awaits it.")
            )

    return _manage_post(
        request, pk, lambda data: DecisionForm(data, prefix="dec"), act, _("The decision has been recorded.")
    )


@access(can_manage_fund, label="programme")
def decisions(request, pk: int):
    round_ = get_or_404(round_get_for_user, request.user, pk)
    queryset = (
        round_applications_for_user(request.user, round_)
        .filter(status__in=OPEN_FOR_DECISION)
        .order_by("title")
    )
    # A party to a case cannot decide it, so it is not offered to them (the service refuses it as well).
    queryset = queryset.exclude(
        pk__in=party_application_ids(request.user, queryset.values_list("pk", flat=True))
    )
    form = BatchDecisionForm(request.POST or None, queryset=queryset)
    results = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        results = services.decisions_batch(actor=request.user, **data)
        done = sum(1 for r in results if r.ok)
        messages.success(
            request,
            ngettext(
                "%(done)s of %(total)s decision recorded.",
                "%(done)s of %(total)s decisions recorded.",
                len(results),
            )
            % {"done": done, "total": len(results)},
        )
        form = BatchDecisionForm(queryset=queryset)
    rows = [
        r
        for r in selectors.assessment_overview(round=round_, user=request.user)
        if r.application.status in OPEN_FOR_DECISION
    ]
    return render(
        request, "fund/decisions.html", {"round": round_, "form": form, "results": results, "rows": rows}
    )


@access(can_manage_fund, label="programme")
def council(request, pk: int):
    application = selectors.application_get(pk)
    if application.status != ApplicationStatus.AWAITING_COUNCIL:
        raise Http404
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_decision_record(application=application, actor=request.user, **form.cleaned_data)
        except ledger.LedgerRefused as exc:
            messages.error(request, services.refused_message(exc))
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, _("The city council's decision has been recorded."))
            return redirect("fund:manage-application", pk=application.pk)
    return render(request, "fund/council.html", {"application": application, "form": form})


@access(can_manage_fund, label="programme")
def ledger_view(request):
    return render(request, "fund/ledger.html", {"pools": selectors.ledger_overview()})


@access(can_manage_fund, label="programme")
@require_POST
def disburse(request, pk: int):
    project = get_or_404(project_get_for_user, request.user, pk)
    form = DisbursementForm(request.POST, prefix="pay")
    if form.is_valid():
        try:
            services.disbursement_record(project=project, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The disbursement has been recorded."))
        except ledger.LedgerRefused as exc:
            messages.error(
                request,
                _("The disbursement is more than is committed to the project for %(year)s (%(remaining)s).")
                % {"year": exc.year, "remaining": formats.kr(exc.remaining)},
            )
        except services.FundError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("State the year and an amount."))
    return redirect(project)
