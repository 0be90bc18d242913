"""Who may do what in Udviklingspuljen.

View-level rules (``access``) are role predicates; object-level checks (an applicant's own application, an
assessor's own assignment, a department's confirmation) are the functions below, which views turn into 404
so that nobody learns whether an application exists.
"""

from typing import TYPE_CHECKING, cast

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompas.core.roles import RoleCode, has_any_role, is_programme_staff, is_staff_member
from kompas.organisations.leadership import led_department_ids
from kompas.organisations.models import Membership

from .choices import ApplicationStatus, CoApplicantStatus, ConflictGround

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from kompas.accounts.models import User

    from .models import Application

is_signed_in = rules.is_authenticated
# Assessors (bedømmelsesteamet); programme staff and administrators see the page too.
is_assessor = has_any_role(RoleCode.ASSESSOR, RoleCode.PROGRAMME, RoleCode.ADMIN)
is_advisory = has_any_role(RoleCode.ADVISORY, RoleCode.PROGRAMME, RoleCode.ADMIN)

can_apply = is_signed_in
can_manage_fund = is_programme_staff
can_view_internal = is_staff_member  # the innovation account, the local funds
can_confirm = is_staff_member  # the page of confirmations; each one is checked per department


def is_director_of(user, fund_id: int) -> bool:
    """A member of the fund's directors' group (``DirectorsGroupMember``): the body that recommends."""
    from .models import DirectorsGroupMember

    if not getattr(user, "pk", None):
        return False
    return DirectorsGroupMember.objects.filter(fund_id=fund_id, user_id=user.pk, is_active=True).exists()


@rules.predicate
def is_director(user) -> bool:
    """A member of any fund's directors' group: the directors' room."""
    from .models import DirectorsGroupMember

    if not getattr(user, "pk", None):
        return False
    return DirectorsGroupMember.objects.filter(user_id=user.pk, is_active=True).exists()


def may_answer_for(user, department_id: int) -> bool:
    """A leader in one of the department's units confirms for the department (programme staff may too)."""
    return is_programme_staff.test(user) or department_id in led_department_ids(user)


def is_applicant(user, application) -> bool:
    return application.applicant_id == user.pk


def is_co_applicant_leader(user, application) -> bool:
    led = led_department_ids(user)
    return bool(led) and any(c.department_id in led for c in application.co_applicants.all())


def party_to_case_reason(
    user: "User | AnonymousUser | None", application: "Application"
) -> "StrOrPromise | None":
    """Why ``user`` is a party to ``application``'s case, or None. The one rule of separation of duties.

    A party is the applicant, a member of the organisation applying, the leader who confirmed the application
    for a co-applicant department, or someone who declared a conflict of interest on it (forvaltningsloven
    § 3). A party never screens, assigns assessors, assesses, shortlists, comments as the advisory board,
    recommends, decides, records the council's decision or pays out on the case: every such service refuses
    with this reason, and the pages hide the buttons.
    """
    from .models import Assignment

    if user is None or not getattr(user, "pk", None):
        return None
    if application.applicant_id == user.pk:
        return _(
            "You are the applicant, so you cannot take part in handling this application "
            "(screening, assessment, recommendation or decision)."
        )
    if (
        application.organisation_id
        # signed in here: an anonymous user has no pk (returned above)
        and Membership.objects.filter(
            user=cast("User", user), organisation_id=application.organisation_id
        ).exists()
    ):
        return _(
            "You are a member of the organisation that applies, so you cannot take part in handling this "
            "application (screening, assessment, recommendation or decision)."
        )
    if any(
        c.answered_by_id == user.pk and c.status == CoApplicantStatus.CONFIRMED
        for c in application.co_applicants.all()
    ):
        return _(
            "You confirmed the application for a co-applicant department, so you cannot take part in "
            "handling it (screening, assessment, recommendation or decision)."
        )
    if (
        Assignment.objects.filter(application_id=application.pk, assessor_id=user.pk)
        .exclude(conflict__in=("", ConflictGround.NONE))
        .exists()
    ):
        return _(
            "You have declared a conflict of interest on this application, so you cannot take part in "
            "handling it (screening, assessment, recommendation or decision)."
        )
    return None


def party_application_ids(user, application_ids) -> set[int]:
    """The applications among ``application_ids`` whose case ``user`` is a party to: the same four grounds as
    ``party_to_case_reason``, asked for a whole list in four queries (overview and decision pages)."""
    from .models import Application, Assignment, CoApplicant

    if user is None or not getattr(user, "pk", None):
        return set()
    ids = list(application_ids)
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    parties = set(
        Application.objects.filter(pk__in=ids)
        .filter(Q(applicant_id=user.pk) | Q(organisation_id__in=organisations))
        .values_list("pk", flat=True)
    )
    parties |= set(
        CoApplicant.objects.filter(
            application_id__in=ids, answered_by_id=user.pk, status=CoApplicantStatus.CONFIRMED
        ).values_list("application_id", flat=True)
    )
    parties |= set(
        Assignment.objects.filter(application_id__in=ids, assessor_id=user.pk)
        .exclude(conflict__in=("", ConflictGround.NONE))
        .values_list("application_id", flat=True)
    )
    return parties


def is_party_to_case(user, application) -> bool:
    """True if ``user`` is a party to the application's case (see ``party_to_case_reason``)."""
    return party_to_case_reason(user, application) is not None


def may_view_as_applicant(user, application) -> bool:
    """The applicant's page: the applicant, its co-applicant departments' leaders, programme staff."""
    if is_applicant(user, application) or is_co_applicant_leader(user, application):
        return True
    # Programme staff see submitted applications; a draft is the applicant's own until it is sent.
    return is_programme_staff.test(user) and application.status != ApplicationStatus.DRAFT


def may_edit(user, application) -> bool:
    return is_applicant(user, application) and application.status == ApplicationStatus.DRAFT


def may_see_as_advisory(user, application) -> bool:
    return (
        is_advisory.test(user) and application.shortlisted and application.status != ApplicationStatus.DRAFT
    )


def may_report(user, project) -> bool:
    """Effect reports and milestones: the applicant, leaders of the lead department, programme staff."""
    return (
        project.application.applicant_id == user.pk
        or project.lead_department_id in led_department_ids(user)
        or is_programme_staff.test(user)
    )


def may_record_local(user, department_id: int) -> bool:
    return may_answer_for(user, department_id)
