"""Applying: the applicant's own applications, drafts, submission, attachments and the departments' confirmations."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompas.core.access import access
from kompas.core.downloads import set_download_name
from kompas.organisations.models import Department

from .. import selectors, services
from ..choices import APPLICANT_STATUS, ApplicationStatus
from ..forms import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetLinesForm,
    CoApplicantForm,
    ConfirmForm,
)
from ..models import (
    Assignment,
)
from ..object_access import attachment_get_for_user, co_applicant_get_for_user, get_or_404, round_get_for_user
from ..permissions import (
    can_apply,
    can_confirm,
    can_manage_fund,
    is_applicant,
    led_department_ids,
    may_answer_for,
    may_edit,
    may_view_as_applicant,
)
from .base import _application_for, _fail, _sealed_block


@access(can_apply, label="signed in")
def apply(request, pk: int):
    round_ = get_or_404(round_get_for_user, request.user, pk)
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


@access(can_apply, label="signed in")
def application_detail(request, pk: int):
    application = _application_for(request, pk, may_view_as_applicant)
    blocked = _sealed_block(request, application)
    if blocked:
        return blocked
    context = {
        "application": application,
        "applicant_status": APPLICANT_STATUS[ApplicationStatus(application.status)],
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
    co = get_or_404(co_applicant_get_for_user, request.user, pk)
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
    attachment = get_or_404(attachment_get_for_user, request.user, pk)
    if not _may_download(request.user, attachment.application):
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
    return set_download_name(response, attachment.name)


@access(can_apply, label="signed in")
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_or_404(attachment_get_for_user, request.user, pk)
    if not may_edit(request.user, attachment.application):
        raise Http404
    services.attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("The file has been removed."))
    return redirect(reverse("fund:edit", kwargs={"pk": attachment.application_id}) + "#attachments")


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
    co = get_or_404(co_applicant_get_for_user, request.user, pk)
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
