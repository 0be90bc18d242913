"""Reads of the value map. Two sources with one shape: the live data (staff) and the published snapshot
(everyone). Every page runs a fixed number of queries, whatever the amount of data."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse

from kompas.citygoals.models import CityGoal
from kompas.collaborations import selectors as collaboration_selectors
from kompas.core import charts, formats
from kompas.core.choices import Visibility
from kompas.core.db_router import replica_reads
from kompas.fund import selectors as fund_selectors
from kompas.goals.choices import GoalStatus
from kompas.goals.models import DataPoint, Evidence, FollowUp, Goal, Indicator
from kompas.goals.selectors import IndicatorView, indicator_view
from kompas.organisations.models import Department
from kompas.trials import selectors as trial_selectors

from .models import Snapshot, SnapshotEvidence, SnapshotGoal, SnapshotIndicator, SnapshotState

_GoalT = TypeVar("_GoalT", bound=Goal)

GOALS_PER_PAGE = 20
STORIES = 6


@dataclass(frozen=True)
class IndicatorCard:
    key: int  # the indicator's id, as in the open data; it names the chart in the page
    name: str
    unit: str
    latest_value: Decimal | None
    latest_on: dt.date | None
    target: Decimal | None
    fraction: Decimal | None
    achieved: bool
    trend: str
    points: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    baseline: Decimal | None = None
    chart: charts.LineChart | None = None  # the shared line chart (ADR 0021), drawn beside its table


@dataclass(frozen=True)
class GoalCard:
    key: int
    title: str
    url: str
    department: str
    unit: str
    status: str
    status_label: str
    status_reason: str
    is_internal: bool
    latest_follow_up_on: dt.date | None
    latest_learning: str
    indicators: list[IndicatorCard]


@dataclass(frozen=True)
class StoryCard:
    kind: str
    title: str
    text: str
    occurred_on: dt.date
    source: str
    goal_title: str
    goal_url: str


@dataclass(frozen=True)
class OverviewRow:
    city_goal: CityGoal
    total: int
    by_status: list[int]  # in the order of GoalStatus
    stories: int


@dataclass(frozen=True)
class Filters:
    department: int | None = None
    unit: int | None = None


def current_snapshot() -> Snapshot | None:
    return Snapshot.objects.filter(is_current=True, state=SnapshotState.READY).first()


def _status_label(status: str) -> str:
    return str(GoalStatus(status).label) if status in GoalStatus.values else status


def _department_chart(rows: list[tuple[str, int]]) -> charts.BarChart | None:
    """Goals by department as the shared bars (ADR 0021); the bars start at zero."""
    return charts.bar_chart([(name, n, formats.number(n)) for name, n in rows], minimum=0)


# --- overview -----------------------------------------------------------------------------------------------


@replica_reads  # aggregate counts for everyone: a second of replication lag is harmless
def overview_live() -> dict[str, Any]:
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    live = Goal.objects.filter(archived_at__isnull=True)
    status_rows = live.values("city_goals", "status").annotate(n=Count("id", distinct=True))
    story_rows = (
        Evidence.objects.filter(goal__archived_at__isnull=True)
        .values("goal__city_goals")
        .annotate(n=Count("id"))
    )
    department_rows = (
        live.values("owner_unit__department__name", "owner_unit__department__order")
        .annotate(n=Count("id"))
        .order_by("owner_unit__department__order")
    )
    return _overview(
        city_goals,
        [(r["city_goals"], r["status"], r["n"]) for r in status_rows],
        {r["goal__city_goals"]: r["n"] for r in story_rows},
        [(r["owner_unit__department__name"], r["n"]) for r in department_rows],
    )


@replica_reads
def overview_published(snapshot: Snapshot) -> dict[str, Any]:
    city_goals = list(CityGoal.objects.filter(is_active=True).order_by("order"))
    goals = SnapshotGoal.objects.filter(snapshot=snapshot)
    status_rows = goals.values("city_goals", "status").annotate(n=Count("id", distinct=True))
    story_rows = (
        SnapshotEvidence.objects.filter(goal__snapshot=snapshot)
        .values("goal__city_goals")
        .annotate(n=Count("id"))
    )
    department_rows = goals.values("department_name").annotate(n=Count("id")).order_by("department_name")
    return _overview(
        city_goals,
        [(r["city_goals"], r["status"], r["n"]) for r in status_rows],
        {r["goal__city_goals"]: r["n"] for r in story_rows},
        [(r["department_name"], r["n"]) for r in department_rows],
    )


def _overview(
    city_goals: list[CityGoal],
    status_rows: list[tuple[int | None, str, int]],
    stories: dict[int, int],
    department_rows: list[tuple[str, int]],
) -> dict[str, Any]:
    by_city_goal: dict[int, dict[str, int]] = {}
    for city_goal_id, status, n in status_rows:
        if city_goal_id is not None:
            by_city_goal.setdefault(city_goal_id, {})[status] = n
    rows = [
        OverviewRow(
            city_goal=cg,
            total=sum(by_city_goal.get(cg.pk, {}).values()),
            by_status=[by_city_goal.get(cg.pk, {}).get(s, 0) for s in GoalStatus.values],
            stories=stories.get(cg.pk, 0),
        )
        for cg in city_goals
    ]
    return {
        "rows": rows,
        "statuses": GoalStatus.choices,
        "by_department": department_rows,
        "department_chart": _department_chart(department_rows),
    }


# --- one city goal ------------------------------------------------------------------------------------------


def citygoal_live(
    *, city_goal: CityGoal, filters: Filters, page_number: int | str | None, today: dt.date
) -> dict[str, Any]:
    latest = FollowUp.objects.filter(goal=OuterRef("pk")).order_by("-written_on", "-id")
    goals = (
        Goal.objects.filter(city_goals=city_goal, archived_at__isnull=True)
        .select_related("owner_unit__department")
        .annotate(
            latest_on=Subquery(latest.values("written_on")[:1]),
            latest_learning=Subquery(latest.values("learned")[:1]),
        )
        .order_by("-updated_at", "-id")
    )
    scoped = _filter_live(goals, filters)
    # The page carries GoalCards once its goals are read.
    page: Page[Any] = Paginator(scoped, GOALS_PER_PAGE).get_page(page_number)
    goal_list = list(page.object_list)
    indicators = (
        Indicator.objects.filter(goal__in=goal_list)
        .prefetch_related(Prefetch("data_points", queryset=DataPoint.objects.order_by("on")))
        .order_by("goal_id", "id")
    )
    by_goal: dict[int, list[IndicatorCard]] = {}
    for indicator in indicators:
        view = indicator_view(indicator, list(indicator.data_points.all()), today=today)
        by_goal.setdefault(indicator.goal_id, []).append(_card_from_view(view))
    page.object_list = [
        GoalCard(
            key=g.pk,
            title=g.title,
            url=reverse("goals:detail", args=[g.pk]),
            department=g.owner_unit.department.name,
            unit=g.owner_unit.name,
            status=g.status,
            status_label=g.get_status_display(),
            status_reason=g.status_reason,
            is_internal=g.visibility == Visibility.INTERNAL,
            latest_follow_up_on=g.latest_on,
            latest_learning=g.latest_learning or "",
            indicators=by_goal.get(g.pk, []),
        )
        for g in goal_list
    ]
    stories = (
        _filter_live_evidence(
            Evidence.objects.filter(goal__city_goals=city_goal, goal__archived_at__isnull=True), filters
        )
        .select_related("goal")
        .order_by("-occurred_on", "-id")[:STORIES]
    )
    departments = (
        _filter_live(goals, Filters(unit=filters.unit))
        .values("owner_unit__department__name", "owner_unit__department__order")
        .annotate(n=Count("id"))
        .order_by("owner_unit__department__order")
    )
    by_department = [(r["owner_unit__department__name"], r["n"]) for r in departments]
    return {
        "page": page,
        "stories": [
            StoryCard(
                kind=e.get_kind_display(),
                title=e.title,
                text=e.text,
                occurred_on=e.occurred_on,
                source=e.source,
                goal_title=e.goal.title,
                goal_url=reverse("goals:detail", args=[e.goal_id]),
            )
            for e in stories
        ],
        "by_department": by_department,
        "department_chart": _department_chart(by_department),
        # Staff view only: collaborations, trials and funded projects are not part of the published snapshot
        # (ADR 0007).
        "collaborations": collaboration_selectors.for_city_goal(city_goal_id=city_goal.pk),
        "fund_projects": fund_selectors.for_city_goal(city_goal_id=city_goal.pk),
        "trials": trial_selectors.for_city_goal(city_goal_id=city_goal.pk),
    }


def _filter_live(goals: QuerySet[_GoalT], filters: Filters) -> QuerySet[_GoalT]:
    if filters.department:
        goals = goals.filter(owner_unit__department_id=filters.department)
    if filters.unit:
        goals = goals.filter(owner_unit_id=filters.unit)
    return goals


def _filter_live_evidence(evidence: QuerySet[Evidence], filters: Filters) -> QuerySet[Evidence]:
    if filters.department:
        evidence = evidence.filter(goal__owner_unit__department_id=filters.department)
    if filters.unit:
        evidence = evidence.filter(goal__owner_unit_id=filters.unit)
    return evidence


def _card_from_view(view: IndicatorView) -> IndicatorCard:
    latest = view.progress.latest
    return IndicatorCard(
        key=view.indicator.pk,
        name=view.indicator.name,
        unit=view.indicator.unit,
        latest_value=latest.value if latest else None,
        latest_on=latest.on if latest else None,
        target=view.indicator.target,
        fraction=view.progress.fraction,
        achieved=view.progress.achieved,
        trend=str(view.progress.trend),
        points=[(p.on, p.value) for p in view.points],
        baseline=view.indicator.baseline,
        chart=view.chart,
    )


def _card_from_snapshot(row: SnapshotIndicator) -> IndicatorCard:
    points = [(dt.date.fromisoformat(on), Decimal(value)) for on, value in row.points]
    return IndicatorCard(
        key=row.indicator_id,
        name=row.name,
        unit=row.unit,
        latest_value=row.latest_value,
        latest_on=row.latest_on,
        target=row.target,
        fraction=row.fraction,
        achieved=row.achieved,
        trend=row.trend,
        points=points,
        baseline=row.baseline,
        # Drawn from the copied numbers only: the published chart shows what the snapshot holds (ADR 0007).
        chart=charts.line_chart(points, target=row.target, baseline=row.baseline),
    )


def _published_card(g: SnapshotGoal) -> GoalCard:
    return GoalCard(
        key=g.goal_id,
        title=g.title,
        url=reverse("valuemap:goal", args=[g.goal_id]),
        department=g.department_name,
        unit=g.unit_name,
        status=g.status,
        status_label=_status_label(g.status),
        status_reason=g.status_reason,
        is_internal=False,
        latest_follow_up_on=g.latest_follow_up_on,
        latest_learning=g.latest_learning,
        indicators=[_card_from_snapshot(i) for i in g.indicators.all()],
    )


def citygoal_published(
    *, snapshot: Snapshot, city_goal: CityGoal, filters: Filters, page_number: int | str | None
) -> dict[str, Any]:
    goals = SnapshotGoal.objects.filter(snapshot=snapshot, city_goals=city_goal).order_by("title", "goal_id")
    scoped = goals
    if filters.department:
        scoped = scoped.filter(department_id=filters.department)
    if filters.unit:
        scoped = scoped.filter(unit_id=filters.unit)
    # The page carries GoalCards once its goals are read.
    page: Page[Any] = Paginator(scoped.prefetch_related("indicators"), GOALS_PER_PAGE).get_page(page_number)
    page.object_list = [_published_card(g) for g in page.object_list]
    stories = (
        SnapshotEvidence.objects.filter(goal__in=scoped)
        .select_related("goal")
        .order_by("-occurred_on", "-id")[:STORIES]
    )
    departments = (
        (goals.filter(unit_id=filters.unit) if filters.unit else goals)
        .values("department_name")
        .annotate(n=Count("id"))
        .order_by("department_name")
    )
    by_department = [(r["department_name"], r["n"]) for r in departments]
    return {
        "page": page,
        "stories": [
            StoryCard(
                kind=e.kind,
                title=e.title,
                text=e.text,
                occurred_on=e.occurred_on,
                source=e.source,
                goal_title=e.goal.title,
                goal_url=reverse("valuemap:goal", args=[e.goal.goal_id]),
            )
            for e in stories
        ],
        "by_department": by_department,
        "department_chart": _department_chart(by_department),
    }


def published_goal(
    *, snapshot: Snapshot, goal_id: int
) -> tuple[SnapshotGoal, GoalCard, list[SnapshotEvidence]] | None:
    goal = (
        SnapshotGoal.objects.filter(snapshot=snapshot, goal_id=goal_id)
        .prefetch_related(
            "indicators",
            "city_goals",
            Prefetch("evidence", queryset=SnapshotEvidence.objects.order_by("-occurred_on")),
        )
        .first()
    )
    if goal is None:
        return None
    return goal, _published_card(goal), list(goal.evidence.all())


def published_goal_title(*, snapshot: Snapshot, goal_id: int) -> str | None:
    return (
        SnapshotGoal.objects.filter(snapshot=snapshot, goal_id=goal_id)
        .values_list("title", flat=True)
        .first()
    )


def departments() -> list[Department]:
    return list(Department.objects.order_by("order"))
