from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kompas.core import formats, versions
from kompas.core.access import access, public
from kompas.core.csv_export import csv_response
from kompas.core.document_text import xml_safe
from kompas.core.downloads import set_download_name
from kompas.core.page_cache import cache_anonymous_page
from kompas.core.roles import is_leader
from kompas.organisations.models import Department

from . import ledger, selectors, services
from .choices import APPLICANT_STATUS, OPEN_FOR_DECISION, ApplicationStatus, PoolKind, ProjectStatus
from .forms import (
    CONFIG_FORMS,
    AdvisoryCommentForm,
    AllocationForm,
    ApplicationForm,
    ApplicationStartForm,
    AssignForm,
    AttachmentForm,
    BatchDecisionForm,
    BudgetLinesForm,
    CoApplicantForm,
    ConfirmForm,
    CouncilForm,
    DecisionForm,
    DeclarationForm,
    DisbursementForm,
    EffectReportForm,
    LocalProjectForm,
    MilestoneForm,
    PeekForm,
    RecommendationForm,
    ScoreForm,
    ScreeningForm,
    SpreadForm,
    StopForm,
)
from .models import (
    Application,
    Assignment,
    Attachment,
    CoApplicant,
    Criterion,
    Fund,
    LocalAllocation,
    LocalProject,
    Milestone,
    Pool,
    Project,
    Round,
    Score,
    Theme,
)
from .permissions import (
    can_apply,
    can_confirm,
    can_manage_fund,
    can_view_internal,
    is_advisory,
    is_applicant,
    is_assessor,
    led_department_ids,
    may_answer_for,
    may_edit,
    may_record_local,
    may_report,
    may_see_as_advisory,
    may_view_as_applicant,
    party_application_ids,
    party_to_case_reason,
)


def _fail(request, exc: services.FundError, form=None) -> None:
    if form is not None and exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        messages.error(request, exc.message)


def _fund_or_404() -> Fund:
    fund = selectors.current_fund()
    if fund is None:
        raise Http404
    return fund


# --- Public ---------------------------------------------------------------------------------------------


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
    round_ = get_object_or_404(Round.objects.select_related("fund", "pool"), pk=pk)
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


# --- Applying -------------------------------------------------------------------------------------------


@access(can_apply, label="signed in")
def apply(request, pk: int):
    round_ = get_object_or_404(Round, pk=pk)
    if not round_.is_open():
        messages.error(request, _("The round is not open for applications."))
        return redirect(round_)
    form = ApplicationStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(actor=request.user, round=round_, **form.cleaned_data)
        except services.FundError as exc:
            _fail(request, exc, form)
        else:
            messages.success(request, _("Your draft has been created. It is saved as you write."))
            return redirect("fund:edit", pk=application.pk)
    return render(request, "fund/apply_start.html", {"form": form, "round": round_})


@access(can_apply, label="signed in")
def my_applications(request):
    applications = list(selectors.applications_of(request.user))
    for a in applications:
        a.applicant_status = APPLICANT_STATUS[a.status]
    return render(request, "fund/my_applications.html", {"applications": applications})


def _application_for(request, pk: int, check) -> Application:
    application = selectors.application_get(pk)
    if not check(request.user, application):
        raise Http404
    return application


def _sealed_block(request, application):
    """Programme staff opening an application in a sealed round before it closes: ask and log."""
    if (
        application.round.is_sealed_now()
        and application.applicant_id != request.user.pk
        and not request.session.get(f"fund-peek-{application.pk}")
        and can_manage_fund.test(request.user)
        and not services_is_co_applicant(request.user, application)
    ):
        return render(request, "fund/peek.html", {"application": application, "form": PeekForm()})
    return None


def services_is_co_applicant(user, application) -> bool:
    led = led_department_ids(user)
    return any(c.department_id in led for c in application.co_applicants.all())


@access(can_apply, label="signed in")
def application_detail(request, pk: int):
    application = _application_for(request, pk, may_view_as_applicant)
    blocked = _sealed_block(request, application)
    if blocked:
        return blocked
    context = {
        "application": application,
        "applicant_status": APPLICANT_STATUS[application.status],
        "is_applicant": application.applicant_id == request.user.pk,
        "can_edit": may_edit(request.user, application),
        "can_manage": can_manage_fund.test(request.user),
        "problems": services.submission_problems(application) if application.is_draft else [],
        "budget_total": sum(line.amount for line in application.budget_lines.all()),
    }
    return render(request, "fund/application_detail.html", context)


def _edit_forms(request, application):
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(
        data,
        instance=application,
        user=request.user,
        initial={"city_goals": list(application.city_goals.all())},
    )
    budget = BudgetLinesForm(data, lines=application.budget_lines.all(), prefix="budget")
    return form, budget


def _save_draft(request, application, form, budget) -> bool:
    if not (form.is_valid() and budget.is_valid()):
        return False
    data = form.cleaned_data
    try:
        services.application_save_draft(
            application=application,
            actor=request.user,
            title=data["title"],
            organisation=data["organisation"],
            summary=data["summary"],
            theme=data["theme"],
            new_and_original=data["new_and_original"],
            value=data["value"],
            risks=data["risks"],
            business_case=data["business_case"],
            economic_gain_per_year=data["economic_gain_per_year"],
            life_after=data["life_after"],
            effect_documentation=data["effect_documentation"],
            partners=data["partners"],
            cofinancing_internal=data["cofinancing_internal"],
            cofinancing_external=data["cofinancing_external"],
            amount=data["amount"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            city_goals=data["city_goals"],
            budget_lines=budget.lines(),
        )
    except services.FundError as exc:
        _fail(request, exc, form)
        return False
    return True


def _no_longer_editable(request, application):
    """For the applicant of an application that has been submitted (or withdrawn): a 403 page that says why it
    cannot be edited and links to where they can read it. Anyone else gets the same 404 as for an application
    that does not exist."""
    if not (is_applicant(request.user, application) and may_view_as_applicant(request.user, application)):
        raise Http404
    if application.status == ApplicationStatus.WITHDRAWN:
        reason = _("You have withdrawn the application, so it can no longer be edited.")
        hint = ""
    else:
        reason = _(
            "The application has been submitted and can no longer be edited. Its status is: %(status)s."
        ) % {"status": APPLICANT_STATUS[application.status]}
        hint = _("If something in it must change, contact those who run the fund.")
    context = {
        "object_title": application.title,
        "reason": reason,
        "hint": hint,
        "read_url": reverse("fund:application", kwargs={"pk": application.pk}),
        "read_label": _("Read the application"),
    }
    return render(request, "core/no_longer_editable.html", context, status=403)


@access(can_apply, label="signed in")
def application_edit(request, pk: int):
    application = selectors.application_get(pk)
    if not may_edit(request.user, application):
        return _no_longer_editable(request, application)
    form, budget = _edit_forms(request, application)
    if request.method == "POST" and _save_draft(request, application, form, budget):
        if "submit" not in request.POST:
            messages.success(request, _("The draft has been saved."))
            return redirect("fund:edit", pk=application.pk)
        try:
            services.application_submit(application=application, actor=request.user)
        except services.SubmissionBlocked as exc:
            # Each problem beside its field; what the user typed stays (it is saved as a draft, too).
            for field, message in exc.problems:
                form.add_error(field if field in form.fields else None, message)
        except services.FundError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The application has been submitted. You will hear from us when it has been assessed."),
            )
            return redirect("fund:application", pk=application.pk)
    return render(
        request,
        "fund/application_form.html",
        {
            "application": application,
            "form": form,
            "budget": budget,
            "co_form": CoApplicantForm(),
            "attachment_form": AttachmentForm(),
            "problems": services.submission_problems(application),
        },
    )


@access(can_apply, label="signed in")
@require_POST
def application_autosave(request, pk: int):
    """Saves the draft as the applicant writes (htmx); answers with a short status line."""
    application = _application_for(request, pk, may_edit)
    form, budget = _edit_forms(request, application)
    if _save_draft(request, application, form, budget):
        text = _("Draft saved at %(time)s.") % {"time": date_format(timezone.localtime(), "TIME_FORMAT")}
    else:
        text = _("Not saved yet: check the fields marked with an error when you save.")
    return render(request, "fund/partials/autosave.html", {"text": text})


def _submit(request, application):
    try:
        services.application_submit(application=application, actor=request.user)
    except services.SubmissionBlocked as exc:
        for _field, message in exc.problems:
            messages.error(request, message)
        return redirect("fund:edit", pk=application.pk)
    except services.FundError as exc:
        messages.error(request, exc.message)
        return redirect("fund:edit", pk=application.pk)
    messages.success(
        request, _("The application has been submitted. You will hear from us when it has been assessed.")
    )
    return redirect("fund:application", pk=application.pk)


@access(can_apply, label="signed in")
@require_POST
def application_submit(request, pk: int):
    application = _application_for(request, pk, may_edit)
    return _submit(request, application)


@access(can_apply, label="signed in")
@require_POST
def application_withdraw(request, pk: int):
    application = _application_for(request, pk, lambda u, a: a.applicant_id == u.pk)
    try:
        services.application_withdraw(application=application, actor=request.user)
        messages.success(request, _("The application has been withdrawn."))
    except services.FundError as exc:
        messages.error(request, exc.message)
    return redirect("fund:application", pk=application.pk)


@access(can_apply, label="signed in")
@require_POST
def co_applicant_add(request, pk: int):
    application = _application_for(request, pk, may_edit)
    form = CoApplicantForm(request.POST)
    if form.is_valid():
        try:
            services.co_applicant_add(application=application, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The department has been asked to confirm."))
        except services.FundError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a department."))
    return redirect(reverse("fund:edit", kwargs={"pk": application.pk}) + "#co-applicants")


@access(can_apply, label="signed in")
@require_POST
def co_applicant_remove(request, pk: int):
    co = get_object_or_404(CoApplicant.objects.select_related("application", "department"), pk=pk)
    if not may_edit(request.user, co.application):
        raise Http404
    services.co_applicant_remove(co_applicant=co, actor=request.user)
    messages.success(request, _("The department has been removed."))
    return redirect(reverse("fund:edit", kwargs={"pk": co.application_id}) + "#co-applicants")


@access(can_apply, label="signed in")
@require_POST
def attachment_add(request, pk: int):
    application = _application_for(request, pk, may_edit)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                application=application, uploaded=form.cleaned_data["file"], actor=request.user
            )
            messages.success(request, _("The file has been attached."))
        except services.FundError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(reverse("fund:edit", kwargs={"pk": application.pk}) + "#attachments")


def _may_download(user, application) -> bool:
    if may_view_as_applicant(user, application):
        return not (
            application.round.is_sealed_now()
            and application.applicant_id != user.pk
            and can_manage_fund.test(user)
        )
    assignment = Assignment.objects.filter(application=application, assessor=user).first()
    return bool(assignment and assignment.may_assess and not application.round.is_sealed_now())


@access(can_apply, label="signed in")
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("application__round"), pk=pk)
    if not _may_download(request.user, attachment.application):
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    return set_download_name(response, attachment.name)


@access(can_apply, label="signed in")
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("application"), pk=pk)
    if not may_edit(request.user, attachment.application):
        raise Http404
    services.attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("The file has been removed."))
    return redirect(reverse("fund:edit", kwargs={"pk": attachment.application_id}) + "#attachments")


# --- Departments confirm ----------------------------------------------------------------------------------


@access(can_confirm, label="staff")
def confirmations(request):
    department_ids = led_department_ids(request.user)
    if can_manage_fund.test(request.user):
        department_ids = set(Department.objects.values_list("pk", flat=True))
    rows = selectors.pending_confirmations(department_ids)
    return render(
        request,
        "fund/confirmations.html",
        {"rows": rows, "is_leader": bool(led_department_ids(request.user))},
    )


@access(can_confirm, label="staff")
def confirm(request, pk: int):
    co = get_object_or_404(
        CoApplicant.objects.select_related("application__round", "application__applicant", "department"),
        pk=pk,
    )
    if not may_answer_for(request.user, co.department_id):
        raise Http404
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.co_applicant_answer(
            co_applicant=co, actor=request.user, confirm=form.cleaned_data["answer"] == "yes"
        )
        messages.success(request, _("Thank you. The applicant has been told."))
        return redirect("fund:confirmations")
    application = selectors.application_get(co.application_id)
    return render(request, "fund/confirm.html", {"co": co, "application": application, "form": form})


# --- Assessors --------------------------------------------------------------------------------------------


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
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__round"), pk=pk, assessor=request.user
    )
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
    criteria = list(Criterion.objects.filter(fund_id=application.round.fund_id, is_active=True))
    existing = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
    form = ScoreForm(request.POST or None, criteria=criteria, existing=existing)
    if request.method == "POST" and form.is_valid():
        finish = "finish" in request.POST
        scores = form.scores(finish=finish)
        if not form.errors:
            try:
                services.scores_save(assignment=assignment, actor=request.user, scores=scores, finish=finish)
            except services.FundError as exc:
                _fail(request, exc, form)
            else:
                messages.success(request, _("Your assessment has been saved."))
                return redirect(
                    "fund:assessor-home" if finish else "fund:assess",
                    **({} if finish else {"pk": assignment.pk}),
                )
    return render(
        request,
        "fund/assess.html",
        {
            "assignment": assignment,
            "application": application,
            "form": form,
            "anonymous": application.round.anonymise_applicants,
            "editable": application.status in OPEN_FOR_DECISION,
        },
    )


# --- Advisory board ---------------------------------------------------------------------------------------


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


# --- Programme staff ------------------------------------------------------------------------------------


@access(can_manage_fund, label="programme")
def manage(request):
    rounds = Round.objects.select_related("pool").order_by("-opens_at")
    round_id = request.GET.get("round") or ""
    status = request.GET.get("status") or ""
    query = (request.GET.get("q") or "").strip()[:100]
    sealed_ids = [r.pk for r in rounds if r.is_sealed_now()]
    qs = selectors.applications_for_programme(
        round_id=int(round_id) if round_id.isdigit() else None,
        status=status if status in ApplicationStatus.values else "",
        query=query,
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "fund/manage.html",
        {
            "rounds": rounds,
            "page": page,
            "statuses": ApplicationStatus.choices,
            "round_id": round_id,
            "status": status,
            "q": query,
            "sealed_ids": sealed_ids,
        },
    )


@access(can_manage_fund, label="programme")
def overview(request, pk: int):
    round_ = get_object_or_404(Round.objects.select_related("pool"), pk=pk)
    if round_.is_sealed_now():
        messages.info(
            request, _("The round is sealed until it closes. Open an application to look (it is logged).")
        )
        rows = []
        # Titles only: opening one asks for a reason and logs the look (see _sealed_block).
        sealed = (
            Application.objects.filter(round=round_)
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
        "open_for_decision": application.status in OPEN_FOR_DECISION,
        "budget_total": sum(line.amount for line in application.budget_lines.all()),
    }
    return render(request, "fund/manage_application.html", context)


def _requires_council(application) -> bool:
    from .routing import requires_council

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
    round_ = get_object_or_404(Round, pk=pk)
    queryset = Application.objects.filter(round=round_, status__in=OPEN_FOR_DECISION).order_by("title")
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
    project = get_object_or_404(Project.objects.select_related("application"), pk=pk)
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


@access(can_manage_fund, label="programme")
@require_POST
def spread(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
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


@access(can_manage_fund, label="programme")
def settings_view(request):
    fund = selectors.current_fund()
    context = {"fund": fund}
    if fund:
        context.update(selectors.fund_overview(fund))
        context["criteria"] = list(fund.criteria.all())
        context["themes"] = list(fund.themes.all())
    return render(request, "fund/settings.html", context)


CONFIG_MODELS = {"fund": Fund, "pool": Pool, "theme": Theme, "criterion": Criterion, "round": Round}


def _config(request, kind: str, instance):
    if kind not in CONFIG_FORMS:
        raise Http404
    form = CONFIG_FORMS[kind](request.POST or None, instance=instance)
    if kind == "round":
        form.fields["pool"].queryset = Pool.objects.filter(fund=selectors.current_fund())
    if request.method == "POST" and form.is_valid():
        if instance.pk is None and kind != "fund":
            instance.fund = _fund_or_404()
        _config_write(kind, instance, request.user, form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("fund:settings")
    return render(request, "fund/config_form.html", {"form": form, "kind": kind, "instance": instance})


def _config_write(kind: str, instance, actor, data) -> None:
    if kind == "fund":
        services.fund_save(
            fund=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            is_active=data["is_active"],
        )
    elif kind == "pool":
        services.pool_save(
            pool=instance,
            actor=actor,
            name=data["name"],
            kind=data["kind"],
            annual_amount=data["annual_amount"],
            description=data["description"],
            order=data["order"],
        )
    elif kind == "theme":
        services.theme_save(
            theme=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            order=data["order"],
            is_active=data["is_active"],
        )
    elif kind == "criterion":
        services.criterion_save(
            criterion=instance,
            actor=actor,
            name=data["name"],
            description=data["description"],
            is_main=data["is_main"],
            order=data["order"],
            is_active=data["is_active"],
        )
    else:
        services.round_save(
            round=instance,
            actor=actor,
            title=data["title"],
            pool=data["pool"],
            description=data["description"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            sealed=data["sealed"],
            anonymise_applicants=data["anonymise_applicants"],
        )


@access(can_manage_fund, label="programme")
def config_new(request, kind: str):
    if kind not in CONFIG_MODELS:
        raise Http404
    return _config(request, kind, CONFIG_MODELS[kind]())


@access(can_manage_fund, label="programme")
def config_edit(request, kind: str, pk: int):
    if kind not in CONFIG_MODELS:
        raise Http404
    return _config(request, kind, get_object_or_404(CONFIG_MODELS[kind], pk=pk))


# --- Projects -------------------------------------------------------------------------------------------


def _project_for_reporter(request, pk: int) -> Project:
    project = get_object_or_404(Project.objects.select_related("application"), pk=pk)
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
    milestone = get_object_or_404(Milestone.objects.select_related("project__application"), pk=pk)
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
    project = _project_for_reporter(request, pk)
    if project.status != ProjectStatus.RUNNING:
        raise Http404
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        released = services.project_stop(project=project, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The project has been stopped; %(amount)s went back to the pool. Thank you for the learning.")
            % {"amount": formats.kr(released)},
        )
        return redirect(project)
    return render(
        request,
        "fund/simple_form.html",
        {
            "form": form,
            "project": project,
            "heading": _("Stop the project early"),
            "intro": _(
                "Fail fast and cheaply: stopping in time is a result. "
                "What is committed and not paid out goes back to the pool."
            ),
        },
    )


# --- Local funds and the innovation account -------------------------------------------------------------


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@access(can_view_internal, label="staff")
def local(request):
    year = _year(request)
    allocations = LocalAllocation.objects.filter(pool_year__year=year).select_related(
        "department", "pool_year__pool"
    )
    projects = LocalProject.objects.filter(year=year).select_related("department")
    return render(
        request,
        "fund/local.html",
        {
            "year": year,
            "allocations": allocations,
            "projects": projects,
            "can_allocate": can_manage_fund.test(request.user),
            "can_record": is_leader.test(request.user),
        },
    )


@access(can_manage_fund, label="programme")
def local_allocate(request):
    departments = list(Department.objects.all())
    pool = Pool.objects.filter(kind=PoolKind.LOCAL, fund=selectors.current_fund()).first()
    if pool is None:
        raise Http404
    form = AllocationForm(
        request.POST or None, departments=departments, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        pool_year = ledger.pool_year_ensure(pool=pool, year=form.cleaned_data["year"])
        services.local_allocate(pool_year=pool_year, payroll=form.payroll(), actor=request.user)
        messages.success(request, _("The local funds have been split by payroll."))
        return redirect(reverse("fund:local") + f"?year={pool_year.year}")
    return render(request, "fund/local_allocate.html", {"form": form, "pool": pool})


@access(is_leader, label="leaders")
def local_project_create(request):
    if can_manage_fund.test(request.user):
        departments = Department.objects.all()
    else:
        departments = Department.objects.filter(pk__in=led_department_ids(request.user))
    form = LocalProjectForm(
        request.POST or None, departments=departments, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        if not may_record_local(request.user, form.cleaned_data["department"].pk):
            raise Http404
        data = form.cleaned_data
        local_project = services.local_project_save(
            actor=request.user,
            department=data["department"],
            year=data["year"],
            title=data["title"],
            description=data["description"],
            amount=data["amount"],
            learning=data["learning"],
            shareable=data["shareable"],
            spread=data["spread"],
        )
        messages.success(request, _("The local project has been recorded."))
        return redirect(reverse("fund:local") + f"?year={local_project.year}")
    return render(request, "fund/simple_form.html", {"form": form, "heading": _("Record a local project")})


@access(can_view_internal, label="staff")
def accounts(request):
    year = _year(request)
    return render(
        request,
        "fund/accounts.html",
        {
            "departments": Department.objects.all(),
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        },
    )


def _account(slug: str, year: int) -> dict:
    if not 2000 <= year <= 2100:
        raise Http404
    department = get_object_or_404(Department, slug=slug)
    return selectors.innovation_account(department=department, year=year)


@access(can_view_internal, label="staff")
def account(request, slug: str, year: int):
    context = _account(slug, year)
    return render(request, "fund/account.html", context)


ACCOUNT_HEADER = (
    "project",
    "status",
    "granted_kr",
    "disbursed_kr",
    "expected_gain_per_year_kr",
    "realised_gain_kr",
    "reports",
    "spread",
)


@access(can_view_internal, label="staff")
def account_csv(request, slug: str, year: int):
    context = _account(slug, year)

    def kr(value) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(Decimal("0.01"))

    rows = []
    for row in context["rows"]:
        rows.append(
            [
                row.project.title,
                row.project.get_status_display(),
                kr(row.granted),
                kr(row.disbursed),
                kr(row.gain_expected_per_year),
                kr(row.gain_realised),
                len(row.reports),
                "1" if row.project.spread else "0",
            ]
        )
    for lp in context["local_projects"]:
        rows.append(
            [
                lp.title,
                _("Local project"),
                kr(lp.amount),
                kr(lp.amount),
                "",
                "",
                "",
                "1" if lp.spread else "0",
            ]
        )
    return csv_response(rows, header=ACCOUNT_HEADER, filename=f"innovationsregnskab-{slug}-{year}.csv")


@access(can_view_internal, label="staff")
def account_pdf(request, slug: str, year: int):
    context = _account(slug, year)
    from django.template.loader import render_to_string

    html = render_to_string("fund/account_pdf.html", {**context, "generated": timezone.localtime()}, request)
    try:
        from weasyprint import HTML  # a heavy optional dependency; the page works without it

        pdf = HTML(string=xml_safe(html), base_url=request.build_absolute_uri("/")).write_pdf()
    except Exception:  # noqa: BLE001 - any failure of the PDF engine: say so, keep the page
        messages.error(
            request, _("The PDF could not be made right now. Use the page or the CSV file instead.")
        )
        return redirect("fund:account", slug=slug, year=year)
    response = HttpResponse(pdf, content_type="application/pdf")
    set_download_name(response, f"innovationsregnskab-{slug}-{year}.pdf")
    return response
