"""Who may read the fund's objects, for pages outside the fund (the object history, the personal-data export).

Each accessor is the rule the fund's own page uses (``permissions.py``, ``selectors.py``), registered in
``kompas.core.object_access`` from ``FundConfig.ready`` (ADR 0015).
"""

import rules
from django.http import Http404

from kompas.core import object_access

from . import selectors
from .models import (
    Assignment,
    Criterion,
    DirectorsGroupMember,
    Fund,
    InnovationAccount,
    LocalProject,
    Pool,
    Round,
    SealedPeek,
    Theme,
)
from .permissions import (
    can_manage_fund,
    can_view_internal,
    is_applicant,
    is_co_applicant_leader,
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
