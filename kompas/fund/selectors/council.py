"""The council case: what a council proposal needs from an application (read by kompas.proposals)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from kompas.core import object_access

from ..choices import ApplicationStatus, CoApplicantStatus
from ..models import (
    Application,
    CoApplicant,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


@dataclass(frozen=True)
class CouncilCase:
    title: str
    summary: str
    new_and_original: str
    value: str
    risks: str
    business_case: str
    economic_gain_per_year: Decimal | None
    amount: Decimal
    first_year: int
    last_year: int
    department_names: list[str]
    partners: str
    city_goal_ids: list[int]
    url: str


def council_case(*, application_id: int, user: "User | AnonymousUser") -> CouncilCase | None:
    """What a council proposal needs from an application; None if it does not exist, is still a draft, or
    ``user`` may not read it (asked through the fund's one accessor, ADR 0015)."""
    readable = object_access.get_for_user(user=user, label="fund.application", pk=application_id)
    if readable is None or readable.status == ApplicationStatus.DRAFT:
        return None
    application = (
        Application.objects.filter(pk=application_id)
        .prefetch_related(
            Prefetch(
                "co_applicants",
                queryset=CoApplicant.objects.select_related("department"),
            ),
            "city_goals",
        )
        .first()
    )
    if application is None:
        return None
    amount = application.granted_amount or application.amount or Decimal(0)
    first = application.first_year or application.created_at.year
    return CouncilCase(
        title=application.title,
        summary=application.summary,
        new_and_original=application.new_and_original,
        value=application.value,
        risks=application.risks,
        business_case=application.business_case,
        economic_gain_per_year=application.economic_gain_per_year,
        amount=amount,
        first_year=first,
        last_year=application.last_year or first,
        department_names=[
            c.department.name
            for c in application.co_applicants.all()
            if c.status == CoApplicantStatus.CONFIRMED
        ],
        partners=application.partners,
        city_goal_ids=sorted(cg.pk for cg in application.city_goals.all()),
        url=application.get_absolute_url(),
    )
