"""Reads of the city council's place: committees, what each is kept informed of, the digest's items, the
projects in development for the group chairs, and the yearly evaluation of the framework.

The fund is read through ``kompas.fund.selectors`` where it has a public read (``public_projects``); the
figures it has no read for (applications in development, the rounds, ledger and effect reports of a year) are
read here from the fund's models.
"""

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from kompas.core.choices import Visibility
from kompas.fund import selectors as fund_selectors
from kompas.fund.choices import APPLICANT_STATUS, ApplicationStatus, LedgerKind, ProjectStatus
from kompas.fund.models import Application, EffectReport, LedgerEntry, PoolYear, Project, Round
from kompas.organisations.models import Department
from kompas.proposals import selectors as proposal_selectors
from kompas.proposals.models import StatusChange
from kompas.proposals.permissions import council_stages
from kompas.trials import selectors as trial_selectors
from kompas.trials.models import Trial

from .models import Committee, CommitteeMembership
from .permissions import can_read_committee, committee_ids, is_programme_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

ZERO = Decimal("0.00")

# --- Committees --------------------------------------------------------------------------------------------


def committees_for_user(*, user: "User | AnonymousUser") -> list[Committee]:
    """Programme staff: every active committee; a politician: the committees they sit on."""
    qs = Committee.objects.filter(is_active=True).prefetch_related("departments")
    if not is_programme_staff.test(user):
        qs = qs.filter(pk__in=committee_ids(user))
    return list(qs)


def active_committees() -> QuerySet[Committee]:
    """Every active committee in the council's order, for a choice of committee (no members, no pages)."""
    return Committee.objects.filter(is_active=True).order_by("order", "name")


def committee_get_for_user(*, user: "User | AnonymousUser", slug: str) -> Committee:
    """The one guarded accessor for a committee: the same 404 for missing and for not allowed."""
    committee = (
        Committee.objects.filter(slug=slug, is_active=True)
        .prefetch_related(
            "departments",
            Prefetch(
                "memberships",
                queryset=CommitteeMembership.objects.select_related("user").order_by(
                    "-is_chair", "user__full_name"
                ),
            ),
        )
        .first()
    )
    if committee is None or not can_read_committee.test(user, committee):
        raise Http404
    return committee


def committee_get_by_pk_for_user(*, user: "User | AnonymousUser", pk: int) -> Committee:
    """The accessor by primary key (the activity history asks by pk); the same rule as by slug."""
    slug = Committee.objects.filter(pk=pk).values_list("slug", flat=True).first()
    if slug is None:
        raise Http404
    return committee_get_for_user(user=user, slug=slug)


def field_department_ids(committee: Committee) -> list[int] | None:
    """The departments of a fagudvalg's field; None for a body kept informed of everything."""
    if committee.sees_everything:
        return None
    return [department.pk for department in committee.departments.all()]


# --- What a committee is kept informed of ------------------------------------------------------------------


def _projects(department_ids: Sequence[int] | None) -> QuerySet[Project]:
    qs = fund_selectors.public_projects()
    if department_ids is not None:
        qs = qs.filter(lead_department_id__in=department_ids)
    return qs


def _public_trials(department_ids: Sequence[int] | None) -> QuerySet[Trial]:
    qs = trial_selectors.trials_for_list().filter(visibility=Visibility.PUBLIC)
    if department_ids is not None:
        qs = qs.filter(owner_unit__department_id__in=department_ids)
    return qs


@dataclass(frozen=True)
class DepartmentLine:
    """One department in Økonomiudvalget's overview, in general terms."""

    department: Department
    running: int
    completed: int
    stopped: int
    granted: Decimal
    reports: int
    trials: int
    proposals: int


def general_overview() -> list[DepartmentLine]:
    """Per department: the funded projects by status, the money granted to them, the effect reports, the
    public trials and the proposals at the council stage. A fixed number of queries."""
    departments = list(Department.objects.order_by("order", "name"))
    projects: dict[int, dict[str, Any]] = defaultdict(dict)
    for row in (
        Project.objects.values("lead_department_id")
        .annotate(
            running=Count("pk", filter=Q(status=ProjectStatus.RUNNING), distinct=True),
            completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED), distinct=True),
            stopped=Count("pk", filter=Q(status=ProjectStatus.STOPPED), distinct=True),
            granted=Sum("application__granted_amount"),
        )
        .order_by()
    ):
        projects[row["lead_department_id"]] = row
    reports = dict(
        EffectReport.objects.values("project__lead_department_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("project__lead_department_id", "n")
    )
    trials = dict(
        Trial.objects.filter(visibility=Visibility.PUBLIC)
        .values("owner_unit__department_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("owner_unit__department_id", "n")
    )
    proposals = dict(
        proposal_selectors.proposals_for_council()
        .values("department_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("department_id", "n")
    )
    return [
        DepartmentLine(
            department=department,
            running=projects[department.pk].get("running", 0),
            completed=projects[department.pk].get("completed", 0),
            stopped=projects[department.pk].get("stopped", 0),
            granted=projects[department.pk].get("granted") or ZERO,
            reports=reports.get(department.pk, 0),
            trials=trials.get(department.pk, 0),
            proposals=proposals.get(department.pk, 0),
        )
        for department in departments
    ]


def committee_overview(committee: Committee) -> dict[str, Any]:
    """What the committee's page shows: for a fagudvalg the projects, public trials and council proposals of
    its field; for Økonomiudvalget and Magistraten the same for all departments in general terms (counts per
    department) and the proposals at the council stage."""
    department_ids = field_department_ids(committee)
    context: dict[str, Any] = {
        "committee": committee,
        "general": committee.sees_everything,
        "proposals": list(proposal_selectors.proposals_for_council(department_ids=department_ids)[:50]),
    }
    if committee.sees_everything:
        lines = general_overview()
        context["lines"] = lines
        context["totals"] = {
            "running": sum(line.running for line in lines),
            "completed": sum(line.completed for line in lines),
            "stopped": sum(line.stopped for line in lines),
            "granted": sum((line.granted for line in lines), ZERO),
            "reports": sum(line.reports for line in lines),
            "trials": sum(line.trials for line in lines),
            "proposals": sum(line.proposals for line in lines),
        }
    else:
        context["projects"] = list(_projects(department_ids))
        context["trials"] = list(_public_trials(department_ids)[:50])
    return context


# --- The committee digest ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    kind: str  # "project", "report", "trial", "proposal"
    title: str
    department: str
    path: str


def digest_items(*, committee: Committee, start: dt.date, end: dt.date) -> list[DigestItem]:
    """What happened in the committee's field from ``start`` up to (not including) ``end``: projects that
    started, effect reports written, public trials begun and proposals that reached the council stage."""
    department_ids = field_department_ids(committee)
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end, dt.time.min, tzinfo=tz)
    items: list[DigestItem] = []
    for project in _projects(department_ids).filter(started_on__gte=start, started_on__lt=end):
        items.append(
            DigestItem("project", project.title, project.lead_department.name, project.get_absolute_url())
        )
    reports = EffectReport.objects.filter(created_at__gte=since, created_at__lt=until).select_related(
        "project__lead_department"
    )
    if department_ids is not None:
        reports = reports.filter(project__lead_department_id__in=department_ids)
    for report in reports.order_by("created_at", "pk"):
        items.append(
            DigestItem(
                "report",
                report.project.title,
                report.project.lead_department.name,
                report.project.get_absolute_url(),
            )
        )
    for trial in _public_trials(department_ids).filter(created_at__gte=since, created_at__lt=until):
        items.append(
            DigestItem("trial", trial.title, trial.owner_unit.department.name, trial.get_absolute_url())
        )
    arrivals = StatusChange.objects.filter(
        to_status__in=council_stages(), created_at__gte=since, created_at__lt=until
    ).values_list("proposal_id", flat=True)
    for proposal in proposal_selectors.proposals_for_council(department_ids=department_ids).filter(
        pk__in=list(arrivals)
    ):
        items.append(
            DigestItem("proposal", proposal.title, proposal.department.name, proposal.get_absolute_url())
        )
    return items


def digest_recipients(committee: Committee) -> list[CommitteeMembership]:
    return list(
        CommitteeMembership.objects.filter(committee=committee, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    )


# --- The group chairs' view: projects in development --------------------------------------------------------

DEVELOPMENT_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.RECOMMENDED,
    ApplicationStatus.AWAITING_COUNCIL,
)


@dataclass(frozen=True)
class DevelopmentLine:
    title: str
    theme: str
    departments: list[str]
    amount: Decimal
    stage: str
    round_title: str


def projects_in_development(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """The innovation projects in their development phase (seed 004 §6): applications sent and not yet
    answered, in general terms (title, theme, departments, amount applied for and a calm stage; never the
    applicant, the texts or the assessment), and the funded projects still running. An application in a round
    sealed until it closes is counted but not named while the round is open."""
    now = now or timezone.now()
    applications = (
        Application.objects.filter(status__in=DEVELOPMENT_STATUSES)
        .select_related("round", "theme")
        .prefetch_related("co_applicants__department")
        .order_by("round__closes_at", "title", "pk")
    )
    lines: list[DevelopmentLine] = []
    sealed = 0
    for application in applications:
        if application.round.is_sealed_now(now):
            sealed += 1
            continue
        lines.append(
            DevelopmentLine(
                title=application.title,
                theme=application.theme.name if application.theme else "",
                departments=sorted({c.department.name for c in application.co_applicants.all()}),
                amount=application.amount or ZERO,
                stage=str(APPLICANT_STATUS[ApplicationStatus(application.status)]),
                round_title=application.round.title,
            )
        )
    running = list(fund_selectors.public_projects().filter(status=ProjectStatus.RUNNING))
    return {
        "applications": lines,
        "sealed": sealed,
        "running": running,
        "applied_total": sum((line.amount for line in lines), ZERO),
    }


# --- The council's yearly evaluation of the framework -------------------------------------------------------


@dataclass(frozen=True)
class RoundLine:
    title: str
    pool: str
    deadline: dt.date
    applications: int
    granted: int
    granted_amount: Decimal
    not_granted: int
    waiting: int
    median_days: float | None
    longest_days: int | None


@dataclass(frozen=True)
class MoneyLine:
    pool: str
    budget: Decimal
    committed: Decimal
    disbursed: Decimal
    released: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed


@dataclass(frozen=True)
class EffectLine:
    project: str
    department: str
    reports: int
    gain: Decimal


@dataclass
class Evaluation:
    year: int
    rounds: list[RoundLine] = field(default_factory=list)
    money: list[MoneyLine] = field(default_factory=list)
    effects: list[EffectLine] = field(default_factory=list)
    applications: int = 0
    granted: int = 0
    granted_amount: Decimal = ZERO
    not_granted: int = 0
    waiting: int = 0
    median_days: float | None = None
    longest_days: int | None = None
    projects_started: int = 0
    projects_completed: int = 0
    projects_stopped: int = 0
    reports: int = 0
    gain: Decimal = ZERO

    @property
    def money_total(self) -> MoneyLine:
        return MoneyLine(
            pool="",
            budget=sum((line.budget for line in self.money), ZERO),
            committed=sum((line.committed for line in self.money), ZERO),
            disbursed=sum((line.disbursed for line in self.money), ZERO),
            released=sum((line.released for line in self.money), ZERO),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.rounds or self.money or self.effects or self.projects_started)


NOT_GRANTED = (ApplicationStatus.REJECTED, ApplicationStatus.SCREENED_OUT)
UNANSWERED = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_ASSESSMENT,
    ApplicationStatus.RECOMMENDED,
    ApplicationStatus.AWAITING_COUNCIL,
)


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def answer_date(application: Application) -> dt.date | None:
    """The day the applicant had the answer: the decision, or the screening for one not taken further."""
    if application.status == ApplicationStatus.SCREENED_OUT:
        return _local_date(application.screened_at)
    if application.status in (ApplicationStatus.GRANTED, ApplicationStatus.REJECTED):
        return _local_date(application.decided_at)
    return None


def _days(values: Iterable[int]) -> tuple[float | None, int | None]:
    days = list(values)
    if not days:
        return None, None
    return float(statistics.median(days)), max(days)


def evaluation_years() -> list[int]:
    """The years the report can be made for: those with a round deadline or a budget year, newest first."""
    years = {moment.year for moment in Round.objects.values_list("closes_at", flat=True)}
    years |= set(PoolYear.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def evaluation(*, year: int) -> Evaluation:
    """The year in figures, all from the data: the rounds whose deadline fell in the year with their
    applications, grants and the days from deadline to answer; the ledger of the budget year per pool (money
    committed, paid out and released again); the effect reports whose period ended in the year; and the
    projects that started, completed or stopped in it."""
    report = Evaluation(year=year)
    rounds = list(
        Round.objects.filter(closes_at__year=year)
        .select_related("pool")
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=Application.objects.exclude(
                    status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
                ).filter(submitted_at__isnull=False),
            )
        )
        .order_by("closes_at", "pk")
    )
    all_days: list[int] = []
    for round_ in rounds:
        deadline = timezone.localdate(round_.closes_at)
        applications = list(round_.applications.all())
        granted = [a for a in applications if a.status == ApplicationStatus.GRANTED]
        days = []
        for application in applications:
            answered = answer_date(application)
            if answered is not None:
                days.append(max(0, (answered - deadline).days))
        median_days, longest = _days(days)
        all_days += days
        line = RoundLine(
            title=round_.title,
            pool=round_.pool.name,
            deadline=deadline,
            applications=len(applications),
            granted=len(granted),
            granted_amount=sum((a.granted_amount or ZERO for a in granted), ZERO),
            not_granted=sum(1 for a in applications if a.status in NOT_GRANTED),
            waiting=sum(1 for a in applications if a.status in UNANSWERED),
            median_days=median_days,
            longest_days=longest,
        )
        report.rounds.append(line)
        report.applications += line.applications
        report.granted += line.granted
        report.granted_amount += line.granted_amount
        report.not_granted += line.not_granted
        report.waiting += line.waiting
    report.median_days, report.longest_days = _days(all_days)

    pool_years = list(PoolYear.objects.filter(year=year).select_related("pool").order_by("pool__order", "pk"))
    sums: dict[int, dict[str, Decimal]] = {
        row["pool_year_id"]: row
        for row in LedgerEntry.objects.filter(pool_year__in=pool_years)
        .values("pool_year_id")
        .annotate(
            commitments=Sum("amount", filter=Q(kind=LedgerKind.COMMITMENT)),
            releases=Sum("amount", filter=Q(kind=LedgerKind.RELEASE)),
            disbursements=Sum("amount", filter=Q(kind=LedgerKind.DISBURSEMENT)),
        )
        .order_by()
    }
    for pool_year in pool_years:
        row = sums.get(pool_year.pk, {})
        released = row.get("releases") or ZERO
        report.money.append(
            MoneyLine(
                pool=pool_year.pool.name,
                budget=pool_year.budget,
                committed=(row.get("commitments") or ZERO) - released,
                disbursed=row.get("disbursements") or ZERO,
                released=released,
            )
        )

    for effect in (
        EffectReport.objects.filter(period_end__year=year)
        .values("project__title", "project__lead_department__name")
        .annotate(n=Count("pk"), gain=Sum("economic_gain_realised"))
        .order_by("project__lead_department__name", "project__title")
    ):
        report.effects.append(
            EffectLine(
                project=effect["project__title"],
                department=effect["project__lead_department__name"],
                reports=effect["n"],
                gain=effect["gain"] or ZERO,
            )
        )
    report.reports = sum(line.reports for line in report.effects)
    report.gain = sum((line.gain for line in report.effects), ZERO)
    report.projects_started = Project.objects.filter(started_on__year=year).count()
    ended = dict(
        Project.objects.filter(ended_on__year=year)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    report.projects_completed = ended.get(ProjectStatus.COMPLETED, 0)
    report.projects_stopped = ended.get(ProjectStatus.STOPPED, 0)
    return report


def committee_digest_url(committee: Committee) -> str:
    return reverse("council:committee", kwargs={"slug": committee.slug})
