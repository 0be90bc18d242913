"""The directors' yearly account (seed 004 §6: "I forbindelse med regnskabet skal direktørerne lave en årlig
redegørelse for arbejdet med innovation"): Kompas drafts it from the effect reports, the director assesses."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompas import activity
from kompas.organisations.models import Department

from .. import selectors, verbs
from ..models import InnovationAccount, ProjectAssessment
from ..permissions import led_department_ids
from .base import FundError, _cpr_guard

if TYPE_CHECKING:
    from kompas.accounts.models import User


@transaction.atomic
def account_assessment_save(
    *,
    department: Department,
    year: int,
    actor: "User",
    assessment: str,
    project_assessments: dict[int, str],
) -> InnovationAccount:
    """The director's assessment of the year and of each project's effects. Only a leader of the department
    writes it; the projects are those of the department's account for the year."""
    if department.pk not in led_department_ids(actor):
        raise FundError(_("The department's director writes the assessment in its innovation account."))
    _cpr_guard(assessment=assessment, **{f"project_{pk}": text for pk, text in project_assessments.items()})
    rows = {row.project.pk for row in selectors.innovation_account(department=department, year=year)["rows"]}
    unknown = set(project_assessments) - rows
    if unknown:
        raise FundError(_("A project is not part of the department's account for the year."))
    account, _created = InnovationAccount.objects.select_for_update().get_or_create(
        department=department, year=year
    )
    account.assessment = assessment
    account.written_by = actor
    account.written_at = timezone.now()
    account.save()
    for project_id, text in project_assessments.items():
        if text.strip():
            ProjectAssessment.objects.update_or_create(
                account=account, project_id=project_id, defaults={"assessment": text}
            )
        else:
            ProjectAssessment.objects.filter(account=account, project_id=project_id).delete()
    activity.record(
        actor=actor,
        verb=verbs.ACCOUNT_ASSESSED,
        target=account,
        changes={"year": [None, year], "projects": [None, len(project_assessments)]},
    )
    return account
