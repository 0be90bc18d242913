"""Who may read the fund's objects: the one accessor per object kind that every fund view, the API and the
pages outside the fund (the object history, the personal-data export) fetch them through.

Each accessor returns the object, or ``None`` when it is missing or the user may not read it (the same 404 for
both); the view then checks the rule of its own action. The accessors are registered in
``kompas.core.object_access`` from ``FundConfig.ready`` (ADR 0015). A source scan
(``tests/test_accessors.py``) keeps the views and the API from fetching a fund object directly.
"""

import rules
from django.http import Http404

from kompas.core import object_access

from . import selectors
from .models import (
    Application,
    Assignment,
    Attachment,
    CoApplicant,
    Criterion,
    DirectorsGroupMember,
    Fund,
    InnovationAccount,
    LocalProject,
    Milestone,
    Pool,
    Project,
    Round,
    SealedPeek,
    Theme,
)
from .permissions import (
    can_manage_fund,
    can_view_internal,
    is_applicant,
    is_co_applicant_leader,
    may_answer_for,
    may_edit,
    may_see_as_advisory,
    may_view_as_applicant,
)


def application_get_for_user(user, pk):
    """The pages that show an application: the applicant's page, an assessor's page, the advisory board's page
    and the programme staff's page, each with its own rule; in a sealed round programme staff must first have
    asked to look (the logged ``SealedPeek``)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        application = selectors.application_get(pk)
    except Http404:
        return None
    if is_applicant(user, application) or is_co_applicant_leader(user, application):
        return application
    sealed = application.round.is_sealed_now()
    if may_view_as_applicant(user, application):  # programme staff, never a draft
        if not sealed or SealedPeek.objects.filter(application=application, user=user).exists():
            return application
        return None
    if sealed:
        return None
    if may_see_as_advisory(user, application):
        return application
    assignment = Assignment.objects.filter(application=application, assessor=user).first()
    if assignment is not None and assignment.may_assess:
        return application
    return None


def project_get_for_user(user, pk):
    """A project's page is public."""
    try:
        return selectors.project_get(pk)
    except Http404:
        return None


def account_get_for_user(user, pk):
    """A department's yearly innovation account: staff read it, like the account page."""
    account = InnovationAccount.objects.select_related("department").filter(pk=pk).first()
    return account if account is not None and can_view_internal.test(user) else None


def round_get_for_user(user, pk):
    """A round's page is public (its applications are not)."""
    return Round.objects.select_related("fund", "pool").filter(pk=pk).first()


def round_applications_for_user(user, round_):
    """A round's applications, for programme staff's overview and decisions; nobody else lists them."""
    if not can_manage_fund.test(user):
        return Application.objects.none()
    return Application.objects.filter(round=round_)


def projects_for_user(user):
    """The funded projects: public, like each project's page."""
    return Project.objects.select_related("application", "lead_department")


def milestone_get_for_user(user, pk):
    """A milestone is read on its project's page, which is public."""
    return Milestone.objects.select_related("project__application").filter(pk=pk).first()


def attachment_get_for_user(user, pk):
    """An attachment is read with its application: whoever may read the application."""
    attachment = Attachment.objects.select_related("application__round").filter(pk=pk).first()
    if attachment is None or application_get_for_user(user, attachment.application_id) is None:
        return None
    return attachment


def co_applicant_get_for_user(user, pk):
    """A co-applicant department: the applicant while drafting, the department's leaders (who answer for it)
    and programme staff."""
    co = (
        CoApplicant.objects.select_related("application__round", "application__applicant", "department")
        .filter(pk=pk)
        .first()
    )
    if co is None:
        return None
    if may_edit(user, co.application) or may_answer_for(user, co.department_id):
        return co
    return None


def assignment_get_for_user(user, pk):
    """An assessor's assignment is theirs alone."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Assignment.objects.select_related("application__round").filter(pk=pk, assessor=user).first()


def config_get_for_user(user, model, pk):
    """One of the fund's settings (the fund, a pool, theme, criterion, round or member of the directors'
    group), to change it: programme staff."""
    if not can_manage_fund.test(user):
        return None
    return model.objects.filter(pk=pk).first()


def get_or_404(accessor, user, pk):
    """The object ``accessor`` gives ``user``, or the same 404 for missing and forbidden."""
    found = accessor(user, pk)
    if found is None:
        raise Http404
    return found


# The names the object history and the GDPR export have used.
application_for_user = application_get_for_user
project_for_user = project_get_for_user


def register() -> None:
    object_access.register("fund.application", application_get_for_user)
    object_access.register("fund.project", project_get_for_user)
    object_access.register("fund.innovationaccount", account_get_for_user)
    object_access.register(
        "fund.directorsgroupmember", object_access.by_rule(DirectorsGroupMember, can_manage_fund)
    )
    # The fund, its rounds, themes and criteria are shown on the public fund and round pages.
    for model in (Fund, Round, Theme, Criterion):
        object_access.register(model._meta.label_lower, object_access.by_rule(model, rules.always_allow))
    object_access.register("fund.pool", object_access.by_rule(Pool, can_manage_fund))
    object_access.register("fund.localproject", object_access.by_rule(LocalProject, can_view_internal))
