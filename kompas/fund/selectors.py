"""Reads of Udviklingspuljen. Lists fetch what they show in a fixed number of queries."""

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.http import Http404
from django.utils import timezone

from kompas.core import object_access

from . import ledger
from .choices import ApplicationStatus, CoApplicantStatus, ProjectStatus
from .models import (
    Application,
    Assignment,
    CoApplicant,
    Criterion,
    EffectReport,
    Fund,
    LocalAllocation,
    LocalProject,
    Pool,
    PoolYear,
    Project,
    Round,
    Score,
)
from .permissions import party_application_ids
from .scoring import Summary, summarise

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User
    from kompas.organisations.models import Department


def current_fund() -> Fund | None:
    return Fund.objects.filter(is_active=True).order_by("pk").first()


def round_phase(*, version: int) -> int:
    """How many of the rounds' opening and closing times have passed: it changes exactly when a round opens or
    closes. The times are read once per content version (every change to a round bumps it)."""
    key = f"kompas:fund:round-times:{version}"
    times = cache.get(key)
    if times is None:
        times = sorted(
            moment.timestamp()
            for opens, closes in Round.objects.values_list("opens_at", "closes_at")
            for moment in (opens, closes)
            if moment is not None
        )
        cache.set(key, times, 60 * 60)
    return bisect.bisect_right(times, timezone.now().timestamp())


def fund_overview(fund: Fund) -> dict[str, Any]:
    return {
        "fund": fund,
        "pools": list(fund.pools.all()),
        "themes": list(fund.themes.filter(is_active=True)),
        "criteria": list(fund.criteria.filter(is_active=True)),
        "rounds": list(fund.rounds.select_related("pool").order_by("-opens_at")),
    }


def applications_of(user: "User") -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related("round").order_by("-updated_at")


def application_get(pk: int) -> Application:
    application = (
        Application.objects.select_related("round__fund", "round__pool", "applicant", "organisation", "theme")
        .prefetch_related(
            Prefetch("co_applicants", queryset=CoApplicant.objects.select_related("department")),
            "budget_lines",
            "attachments",
            "city_goals",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


@dataclass(frozen=True)
class OverviewRow:
    application: Application
    overall: Summary
    assessors: int | None
    finished: int | None
    conflicts: int | None
    party: bool = False  # the reader is a party to this case: its assessment is not shown to them


def _score_values(application_ids: Iterable[int]) -> dict[int, list[int | None]]:
    values: dict[int, list[int | None]] = defaultdict(list)
    for app_id, value in Score.objects.filter(
        assignment__application_id__in=application_ids, criterion__is_active=True
    ).values_list("assignment__application_id", "value"):
        values[app_id].append(value)
    return values


def assessment_overview(*, round: Round, user: "User | AnonymousUser", status: str = "") -> list[OverviewRow]:
    """Every submitted application of a round with its mean score, spread and assessors (7 queries).

    Where ``user`` is a party to a case (``permissions.party_application_ids``) the row keeps its title and
    status but not its assessment: nobody reads the scores of their own case."""
    qs = (
        Application.objects.filter(round=round)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("theme", "organisation", "applicant")
        .annotate(
            n_assessors=Count("assignments", distinct=True),
            n_finished=Count("assignments", filter=Q(assignments__submitted_at__isnull=False), distinct=True),
            n_conflicts=Count(
                "assignments",
                filter=Q(assignments__declared_at__isnull=False) & ~Q(assignments__conflict="none"),
                distinct=True,
            ),
        )
        .order_by("status", "title", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    applications = list(qs)
    parties = party_application_ids(user, [a.pk for a in applications])
    values = _score_values([a.pk for a in applications if a.pk not in parties])
    rows = [
        OverviewRow(a, summarise([]), None, None, None, party=True)
        if a.pk in parties
        else OverviewRow(a, summarise(values.get(a.pk, [])), a.n_assessors, a.n_finished, a.n_conflicts)
        for a in applications
    ]
    rows.sort(key=lambda r: (r.application.status, -(r.overall.mean or Decimal(-1)), r.application.pk))
    return rows


def applications_for_programme(
    *, round_id: int | None = None, status: str = "", query: str = ""
) -> QuerySet[Application]:
    qs = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("round", "theme", "organisation", "applicant")
        .annotate(
            n_confirmed=Count("co_applicants", filter=Q(co_applicants__status=CoApplicantStatus.CONFIRMED))
        )
        .order_by("-submitted_at", "-pk")
    )
    if round_id:
        qs = qs.filter(round_id=round_id)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs


def criterion_summaries(application: Application) -> list[tuple[Criterion, Summary, list[Score]]]:
    criteria = list(Criterion.objects.filter(fund_id=application.round.fund_id, is_active=True))
    scores = list(
        Score.objects.filter(assignment__application=application, assignment__conflict="none").select_related(
            "assignment__assessor"
        )
    )
    by_criterion: dict[int, list[Score]] = defaultdict(list)
    for score in scores:
        by_criterion[score.criterion_id].append(score)
    return [(c, summarise(s.value for s in by_criterion[c.pk]), by_criterion[c.pk]) for c in criteria]


def overall_summary(application: Application) -> Summary:
    return summarise(
        Score.objects.filter(
            assignment__application=application, assignment__conflict="none", criterion__is_active=True
        ).values_list("value", flat=True)
    )


@dataclass(frozen=True)
class AssessmentProgress:
    """Where the assessment stage of an application stands.

    The stage is *done* when at least one assessor without a declared conflict of interest has finished
    and scored every active criterion (0–5 or n/a), and no such assessor is still outstanding (assigned
    but not declared, or declared without conflict but not finished). Assessors who declared a conflict
    do not count either way. A recommendation and a grant need a done assessment (``services``).
    """

    finished: tuple[Assignment, ...]  # non-conflicted, finished, every active criterion scored
    outstanding: tuple[Assignment, ...]  # non-conflicted, not finished yet (or not declared yet)
    conflicted: tuple[Assignment, ...]

    @property
    def done(self) -> bool:
        return bool(self.finished) and not self.outstanding

    @property
    def total(self) -> int:
        return len(self.finished) + len(self.outstanding)


def assessment_progress(application: Application) -> AssessmentProgress:
    """The assessment stage of one application (3 queries)."""
    active = set(
        Criterion.objects.filter(fund_id=application.round.fund_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    assignments = list(
        Assignment.objects.filter(application_id=application.pk)
        .select_related("assessor")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    finished, outstanding, conflicted = [], [], []
    for assignment in assignments:
        if assignment.has_conflict:
            conflicted.append(assignment)
        elif assignment.submitted_at and active <= {s.criterion_id for s in assignment.scores.all()}:
            finished.append(assignment)
        else:
            outstanding.append(assignment)
    return AssessmentProgress(tuple(finished), tuple(outstanding), tuple(conflicted))


def assignments_of(user: "User") -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(assessor=user)
        .exclude(application__status=ApplicationStatus.DRAFT)
        .select_related("application__round")
        .annotate(n_scores=Count("scores"))
        .order_by("declared_at", "-application__submitted_at")
    )


def pending_confirmations(department_ids: Iterable[int]) -> list[CoApplicant]:
    return list(
        CoApplicant.objects.filter(department_id__in=department_ids)
        .select_related(
            "application__applicant", "application__organisation", "application__round", "department"
        )
        # The requests that wait for an answer first (alphabetically "pending" would come last).
        .annotate(
            answered=Case(
                When(status=CoApplicantStatus.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("answered", "-created_at")[:200]
    )


def shortlisted_applications() -> QuerySet[Application]:
    return (
        Application.objects.filter(shortlisted=True)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("round", "theme")
        .annotate(n_comments=Count("advisory_comments"))
        .order_by("-submitted_at")
    )


def ledger_overview() -> list[tuple[Pool, list[ledger.YearStatus]]]:
    pools = list(Pool.objects.select_related("fund").order_by("fund", "order"))
    years = list(PoolYear.objects.filter(pool__in=pools).order_by("pool", "year"))
    statuses = ledger.status_for(years)
    by_pool: dict[int, list[ledger.YearStatus]] = defaultdict(list)
    for status in statuses:
        by_pool[status.pool_year.pool_id].append(status)
    return [(pool, by_pool[pool.pk]) for pool in pools]


def public_projects() -> QuerySet[Project]:
    return (
        Project.objects.select_related("lead_department", "application__round")
        .annotate(n_reports=Count("reports"))
        .order_by("-started_on", "-pk")
    )


def project_get(pk: int) -> Project:
    project = (
        Project.objects.select_related(
            "application__round__pool", "lead_department", "application__organisation"
        )
        .prefetch_related("milestones", "reports", "application__city_goals")
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


# --- The department's yearly innovation account -------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    project: Project
    granted: Decimal
    disbursed: Decimal
    gain_expected_per_year: Decimal | None
    gain_realised: Decimal
    reports: list[EffectReport]


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
    rows = [
        AccountRow(
            project=p,
            granted=p.application.granted_amount or Decimal("0"),
            disbursed=paid.get(p.pk) or Decimal("0"),
            gain_expected_per_year=p.application.economic_gain_per_year,
            gain_realised=gains.get(p.pk) or Decimal("0"),
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
        "rows": rows,
        "local_projects": locals_,
        "local_allocation": allocation,
        "local_spent": sum((lp.amount for lp in locals_), Decimal("0")),
        "totals": {
            "granted": sum((r.granted for r in rows), Decimal("0")),
            "disbursed": sum((r.disbursed for r in rows), Decimal("0")),
            "gain_realised": sum((r.gain_realised for r in rows), Decimal("0")),
            "stopped": sum(1 for r in rows if r.project.status == ProjectStatus.STOPPED),
            "spread": sum(1 for r in rows if r.project.spread) + sum(1 for lp in locals_ if lp.spread),
        },
    }


# --- The council case (used by the proposals app) -----------------------------------------------------


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
            Prefetch("co_applicants", queryset=CoApplicant.objects.select_related("department")), "city_goals"
        )
        .first()
    )
    if application is None:
        return None
    amount = application.granted_amount or application.amount or Decimal("0")
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


# --- The value map (staff view of a city goal) ---------------------------------------------------------------


@dataclass(frozen=True)
class ProjectCard:
    title: str
    url: str
    department: str
    status: str
    status_label: str
    granted_amount: Decimal | None
    started_on: dt.date


def for_city_goal(*, city_goal_id: int, limit: int = 10) -> tuple[list[ProjectCard], int]:
    """Funded projects whose application serves a city goal; newest first. Two queries.

    Shown on the live value map to staff only; never part of the published snapshot (ADR 0007)."""
    projects = Project.objects.filter(application__city_goals=city_goal_id)
    cards = [
        ProjectCard(
            title=p.title,
            url=p.get_absolute_url(),
            department=p.lead_department.name,
            status=p.status,
            status_label=p.get_status_display(),
            granted_amount=p.application.granted_amount,
            started_on=p.started_on,
        )
        for p in projects.select_related("lead_department", "application")
        .only("pk", "title", "status", "started_on", "lead_department__name", "application__granted_amount")
        .order_by("-started_on", "-id")[:limit]
    ]
    return cards, projects.count()
