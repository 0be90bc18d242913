"""Assessment: score summaries, the main criterion, where the assessment stands, the directors' group's list."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..choices import ApplicationStatus
from ..models import (
    Application,
    Assignment,
    Criterion,
    Fund,
    Round,
    Score,
)
from ..permissions import party_application_ids
from ..scoring import Summary, summarise
from ..scoring import main_criterion_met as main_criterion_met_by_scores

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


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
            n_finished=Count(
                "assignments",
                filter=Q(assignments__submitted_at__isnull=False),
                distinct=True,
            ),
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
        else OverviewRow(
            a,
            summarise(values.get(a.pk, [])),
            a.n_assessors,
            a.n_finished,
            a.n_conflicts,
        )
        for a in applications
    ]
    rows.sort(
        key=lambda r: (
            r.application.status,
            -(r.overall.mean or Decimal(-1)),
            r.application.pk,
        )
    )
    return rows


def criterion_summaries(
    application: Application,
) -> list[tuple[Criterion, Summary, list[Score]]]:
    # The main criterion first: the assessment scores it first (seed 004 §6, "Hovedkriteriet er ufravigeligt").
    criteria = list(
        Criterion.objects.filter(fund_id=application.round.fund_id, is_active=True).order_by(
            "-is_main", "order", "name"
        )
    )
    scores = list(
        Score.objects.filter(assignment__application=application, assignment__conflict="none").select_related(
            "assignment__assessor"
        )
    )
    by_criterion: dict[int, list[Score]] = defaultdict(list)
    for score in scores:
        by_criterion[score.criterion_id].append(score)
    return [(c, summarise(s.value for s in by_criterion[c.pk]), by_criterion[c.pk]) for c in criteria]


def main_criterion_met(application: Application) -> bool | None:
    """Whether the assessors find the main criterion met (``scoring.main_criterion_met``): None until an
    assessor without a conflict of interest has scored it. One query."""
    return main_criterion_met_by_scores(
        Score.objects.filter(
            assignment__application=application,
            assignment__conflict="none",
            criterion__is_main=True,
            criterion__is_active=True,
        ).values_list("value", flat=True)
    )


def main_criterion_by_application(
    application_ids: Iterable[int],
) -> dict[int, bool | None]:
    """``main_criterion_met`` for a list of applications in one query (overview and decision pages)."""
    values: dict[int, list[int | None]] = defaultdict(list)
    for app_id, value in Score.objects.filter(
        assignment__application_id__in=list(application_ids),
        assignment__conflict="none",
        criterion__is_main=True,
        criterion__is_active=True,
    ).values_list("assignment__application_id", "value"):
        values[app_id].append(value)
    return {app_id: main_criterion_met_by_scores(v) for app_id, v in values.items()}


def overall_summary(application: Application) -> Summary:
    return summarise(
        Score.objects.filter(
            assignment__application=application,
            assignment__conflict="none",
            criterion__is_active=True,
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


@dataclass(frozen=True)
class AwaitingRow:
    application: Application
    main_criterion: bool | None


def awaiting_recommendation(*, fund: Fund, user: "User | AnonymousUser") -> list[AwaitingRow]:
    """The directors' group's list: applications in assessment or recommended whose round is not sealed, with
    the main criterion (three queries). The cases ``user`` is a party to are left out."""
    now = timezone.now()
    applications = list(
        Application.objects.filter(
            round__fund=fund,
            status__in=(ApplicationStatus.IN_ASSESSMENT, ApplicationStatus.RECOMMENDED),
        )
        .exclude(round__sealed=True, round__closes_at__gt=now)
        .select_related("round")
        .order_by("round__closes_at", "title", "pk")
    )
    parties = party_application_ids(user, [a.pk for a in applications])
    applications = [a for a in applications if a.pk not in parties]
    main = main_criterion_by_application([a.pk for a in applications])
    return [AwaitingRow(a, main.get(a.pk)) for a in applications]


def assignments_of(user: "User") -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(assessor=user)
        .exclude(application__status=ApplicationStatus.DRAFT)
        .select_related("application__round")
        .annotate(n_scores=Count("scores"))
        .order_by("declared_at", "-application__submitted_at")
    )


def shortlisted_applications() -> QuerySet[Application]:
    return (
        Application.objects.filter(shortlisted=True)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("round", "theme")
        .annotate(n_comments=Count("advisory_comments"))
        .order_by("-submitted_at")
    )
