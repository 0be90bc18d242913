"""Open data API: the published value map. Only the current snapshot is read; no login needed."""

import datetime as dt
from decimal import Decimal

from ninja import Query, Router, Schema

from kompas.core.api_errors import answers
from kompas.core.api_pages import Page, PageParams, page
from kompas.core.schema_types import Id

from . import selectors
from .models import SnapshotGoal, SnapshotIndicator

router = Router(tags=["Åbne data (Værdikortet)"])


class OpenGoal(Schema):
    goal_id: int
    title: str
    value_statement: str
    beneficiaries: str
    department: str
    unit: str
    status: str
    status_reason: str
    period_start: dt.date
    period_end: dt.date
    city_goal_ids: list[int]
    latest_follow_up_on: dt.date | None


class OpenIndicator(Schema):
    indicator_id: int
    goal_id: int
    name: str
    unit: str
    direction: str
    baseline: Decimal | None
    target: Decimal | None
    target_date: dt.date | None
    latest_value: Decimal | None
    latest_on: dt.date | None
    progress: Decimal | None
    trend: str
    points: list[tuple[dt.date, Decimal]]


class GoalPage(Page[OpenGoal]):
    published_at: dt.datetime | None


class IndicatorPage(Page[OpenIndicator]):
    published_at: dt.datetime | None


@router.get("/open/goals", response=answers(GoalPage, 422), auth=None, summary="Published goals (open data)")
def open_goals(request, paging: Query[PageParams], city_goal: Id | None = None):
    snapshot = selectors.current_snapshot()
    if snapshot is None:
        return page([], paging, published_at=None)
    goals = SnapshotGoal.objects.filter(snapshot=snapshot).order_by("goal_id")
    if city_goal:
        goals = goals.filter(city_goals__id=city_goal)
    return page(
        goals.prefetch_related("city_goals"),
        paging,
        lambda g: {
            "goal_id": g.goal_id,
            "title": g.title,
            "value_statement": g.value_statement,
            "beneficiaries": g.beneficiaries,
            "department": g.department_name,
            "unit": g.unit_name,
            "status": g.status,
            "status_reason": g.status_reason,
            "period_start": g.period_start,
            "period_end": g.period_end,
            "city_goal_ids": [c.pk for c in g.city_goals.all()],
            "latest_follow_up_on": g.latest_follow_up_on,
        },
        published_at=snapshot.published_at,
    )


@router.get(
    "/open/indicators",
    response=answers(IndicatorPage, 422),
    auth=None,
    summary="Published indicators with data points",
)
def open_indicators(request, paging: Query[PageParams], goal_id: Id | None = None):
    snapshot = selectors.current_snapshot()
    if snapshot is None:
        return page([], paging, published_at=None)
    indicators = (
        SnapshotIndicator.objects.filter(goal__snapshot=snapshot)
        .select_related("goal")
        .order_by("indicator_id")
    )
    if goal_id:
        indicators = indicators.filter(goal__goal_id=goal_id)
    return page(
        indicators,
        paging,
        lambda i: {
            "indicator_id": i.indicator_id,
            "goal_id": i.goal.goal_id,
            "name": i.name,
            "unit": i.unit,
            "direction": i.direction,
            "baseline": i.baseline,
            "target": i.target,
            "target_date": i.target_date,
            "latest_value": i.latest_value,
            "latest_on": i.latest_on,
            "progress": i.fraction,
            "trend": i.trend,
            "points": [(dt.date.fromisoformat(on), Decimal(v)) for on, v in i.points],
        },
        published_at=snapshot.published_at,
    )
