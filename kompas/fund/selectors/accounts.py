"""The department's yearly innovation account, drafted from the effect reports."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Prefetch,
    Q,
    Sum,
)

from ..choices import CoApplicantStatus, ProjectStatus
from ..models import (
    EffectReport,
    InnovationAccount,
    LocalAllocation,
    LocalProject,
    Project,
    ProjectAssessment,
)

if TYPE_CHECKING:
    from kompas.organisations.models import Department


@dataclass(frozen=True)
class AccountRow:
    project: Project
    granted: Decimal
    disbursed: Decimal
    gain_expected_per_year: Decimal | None
    gain_realised: Decimal
    reports: list[EffectReport]
    assessment: str = ""  # the director's assessment of the project's effects (``ProjectAssessment``)


def innovation_account(*, department: "Department", year: int) -> dict[str, Any]:
    """The yearly account of innovation in a department: its funded projects (lead or co-applicant), the
    effect reports of the year, and its local projects."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    projects = list(
        Project.objects.filter(
            Q(lead_department=department)
            | Q(
                application__co_applicants__department=department,
                application__co_applicants__status=CoApplicantStatus.CONFIRMED,
            )
        )
        .filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .select_related("application", "lead_department")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=EffectReport.objects.filter(period_end__gte=start, period_start__lte=end),
                to_attr="year_reports",
            )
        )
        .distinct()
        .order_by("title")
    )
    ids = [p.pk for p in projects]
    gains = dict(
        EffectReport.objects.filter(project_id__in=ids, period_end__lte=end)
        .values("project_id")
        .annotate(total=Sum("economic_gain_realised"))
        .values_list("project_id", "total")
    )
    paid = dict(
        Project.objects.filter(pk__in=ids)
        .annotate(total=Sum("ledger_entries__amount", filter=Q(ledger_entries__kind="disbursement")))
        .values_list("pk", "total")
    )
    written = InnovationAccount.objects.filter(department=department, year=year).first()
    assessments = (
        dict(ProjectAssessment.objects.filter(account=written).values_list("project_id", "assessment"))
        if written
        else {}
    )
    rows = [
        AccountRow(
            assessment=assessments.get(p.pk, ""),
            project=p,
            granted=p.application.granted_amount or Decimal(0),
            disbursed=paid.get(p.pk) or Decimal(0),
            gain_expected_per_year=p.application.economic_gain_per_year,
            gain_realised=gains.get(p.pk) or Decimal(0),
            reports=p.year_reports,
        )
        for p in projects
    ]
    locals_ = list(LocalProject.objects.filter(department=department, year=year).order_by("title"))
    allocation = LocalAllocation.objects.filter(department=department, pool_year__year=year).aggregate(
        total=Sum("amount")
    )["total"]
    return {
        "department": department,
        "year": year,
        "account": written,
        "rows": rows,
        "local_projects": locals_,
        "local_allocation": allocation,
        "local_spent": sum((lp.amount for lp in locals_), Decimal(0)),
        "totals": {
            "granted": sum((r.granted for r in rows), Decimal(0)),
            "disbursed": sum((r.disbursed for r in rows), Decimal(0)),
            "gain_realised": sum((r.gain_realised for r in rows), Decimal(0)),
            "stopped": sum(1 for r in rows if r.project.status == ProjectStatus.STOPPED),
            "spread": sum(1 for r in rows if r.project.spread) + sum(1 for lp in locals_ if lp.spread),
        },
    }
