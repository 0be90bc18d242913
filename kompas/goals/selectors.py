"""Reads of Målkompasset, query-optimised: a page runs the same number of queries however much data there is."""

import copy
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.core.cache import cache
from django.db.models import Count, DateField, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from kompas.core import charts, versioned
from kompas.core.statements import Param, Statement
from kompas.organisations.leadership import unit_ids
from kompas.organisations.models import Membership, Unit

from . import progress as progress_math
from .choices import GoalStatus
from .models import DataPoint, Evidence, FollowUp, Goal, GoalPolicy, Indicator, ReflectionQuestionSet
from .permissions import can_view_goals

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


@dataclass(frozen=True)
class GoalFilters:
    department: int | None = None
    unit: int | None = None
    city_goal: int | None = None
    status: str = ""
    mine: bool = False
    archived: bool = False
    query: str = ""


def goals_for_list(*, user: "User | AnonymousUser", filters: GoalFilters) -> QuerySet[Goal]:
    latest_follow_up = FollowUp.objects.filter(goal=OuterRef("pk")).order_by("-written_on", "-id")
    # Counted per shown goal (a subquery on the indicators' goal index), not by joining and grouping all the
    # indicators: on Aarhus data the page's query fell from 32 to 11 ms and the paginator's count from 6 to 1 ms.
    indicators = (
        Indicator.objects.filter(goal=OuterRef("pk"))
        .order_by()
        .values("goal")
        .annotate(n=Count("*"))
        .values("n")
    )
    qs = (
        Goal.objects.select_related("owner_unit__department", "owner")
        .prefetch_related("city_goals")
        .annotate(
            indicator_count=Coalesce(Subquery(indicators, output_field=IntegerField()), 0),
            latest_follow_up_on=Subquery(latest_follow_up.values("written_on")[:1]),
        )
        .order_by("-updated_at", "-id")
    )
    qs = qs.filter(archived_at__isnull=not filters.archived)
    if filters.department:
        qs = qs.filter(owner_unit__department_id=filters.department)
    if filters.unit:
        qs = qs.filter(owner_unit_id=filters.unit)
    if filters.city_goal:
        qs = qs.filter(city_goals__id=filters.city_goal)
    if filters.status in GoalStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.mine:
        qs = qs.filter(Q(owner=user) | Q(co_creators_staff=user)).distinct()
    if filters.query:
        qs = qs.filter(Q(title__icontains=filters.query) | Q(value_statement__icontains=filters.query))
    return qs


def goal_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Goal:
    """The one guarded accessor for a goal: the same 404 for missing and for not allowed."""
    if not can_view_goals.test(user):
        raise Http404
    goal = (
        Goal.objects.select_related("owner_unit__department", "owner")
        .prefetch_related("city_goals", "co_creators_staff", "co_creators_partners")
        .filter(pk=pk)
        .first()
    )
    if goal is None:
        raise Http404
    return goal


DETAIL_TIMEOUT = 60 * 60


def goal_get_for_detail(*, user: "User | AnonymousUser", pk: int, version: int) -> Goal:
    """The goal page's goal, guarded as :func:`goal_get_for_user`, without a query when it is cached.

    What decides the reader's permissions on the goal comes with it, the same for every reader: the staff
    co-creators and the owner unit's memberships (``permissions`` reads them from the goal instead of asking
    the database for this reader). All of it is cached under the content version (``version``, read before
    anything else on the page), which every writing service and every change of a membership bumps. It is kept
    in the process under that version too (``versioned.kept``), and each request gets its own copy of the goal
    (the reader's permissions and the page's prefetches are set on it)."""
    if not can_view_goals.test(user):
        raise Http404
    kept_goal, co_creators, unit_roles = cast(
        "tuple[Goal, frozenset[int], dict[int, set[str]]]",
        versioned.kept(
            version,
            ("goals:detail", pk),
            lambda: cache.get_or_set(
                f"kompas:goal-detail:{version}:{pk}", lambda: _goal_for_detail(pk), DETAIL_TIMEOUT
            ),
        ),
    )
    goal = copy.copy(kept_goal)
    reader = user.pk or 0  # staff only (checked above): a saved user
    goal.co_created_by = {reader: reader in co_creators}  # type: ignore[attr-defined]  # read by permissions
    goal.owner_unit_roles = {reader: unit_roles.get(reader, set())}  # type: ignore[attr-defined]  # ditto
    return goal


def _goal_for_detail(pk: int) -> tuple[Goal, frozenset[int], dict[int, set[str]]]:
    """The goal with its owner unit and owner, its staff co-creators, and its owner unit's roles by member."""
    goal = Goal.objects.select_related("owner_unit__department", "owner").filter(pk=pk).first()
    if goal is None:
        raise Http404
    through = Goal.co_creators_staff.through
    co_creators = frozenset(through.objects.filter(goal_id=pk).values_list("user_id", flat=True))
    unit_roles: dict[int, set[str]] = {}
    # No ordering: the memberships' default order would join the user, unit, department and partner.
    memberships = Membership.objects.filter(unit_id=goal.owner_unit_id).order_by()
    for member, role in memberships.values_list("user_id", "role"):
        unit_roles.setdefault(member, set()).add(role)
    return goal, co_creators, unit_roles


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    points: list[DataPoint]
    progress: progress_math.Progress
    chart: charts.LineChart | None = None


def indicator_views(
    *, goals: list[Goal], today: dt.date, points_per_indicator: int | None = None
) -> dict[int, list[IndicatorView]]:
    """Indicators of the given goals with their data points and computed progress, in two queries."""
    indicators = list(
        Indicator.objects.filter(goal__in=goals)
        .prefetch_related(Prefetch("data_points", queryset=DataPoint.objects.order_by("on")))
        .order_by("goal_id", "id")
    )
    by_goal: dict[int, list[IndicatorView]] = {goal.pk: [] for goal in goals}
    for indicator in indicators:
        points = list(indicator.data_points.all())
        if points_per_indicator:
            points = points[-points_per_indicator:]
        by_goal[indicator.goal_id].append(indicator_view(indicator, points, today=today))
    return by_goal


def indicator_view(indicator: Indicator, points: list[DataPoint], *, today: dt.date) -> IndicatorView:
    plain = [progress_math.Point(on=p.on, value=p.value) for p in points]
    result = progress_math.progress(
        points=plain,
        direction=progress_math.Direction(indicator.direction),
        baseline=indicator.baseline,
        target=indicator.target,
        baseline_date=indicator.baseline_date,
        target_date=indicator.target_date,
        today=today,
    )
    return IndicatorView(
        indicator=indicator,
        points=points,
        progress=result,
        chart=charts.line_chart(
            [(p.on, p.value) for p in points], target=indicator.target, baseline=indicator.baseline
        ),
    )


def goal_questions(*, goal: Goal) -> dict[str, Any]:
    """The current Målkompas questions this goal has not answered yet."""
    question_set = ReflectionQuestionSet.objects.filter(is_current=True).prefetch_related("questions").first()
    questions = list(question_set.questions.all()) if question_set else []
    answered = set(goal.reflection_answers.values_list("question_id", flat=True))
    return {"open_questions": [q for q in questions if q.pk not in answered]}


def goal_records(*, goal: Goal, today: dt.date) -> dict[str, Any]:
    """The numbers, the experiences and the latest follow-ups of a goal."""
    return {
        "indicators": indicator_views(goals=[goal], today=today)[goal.pk],
        "evidence": list(goal.evidence.order_by("-occurred_on", "-id")[:10]),
        "evidence_count": goal.evidence.count(),
        "follow_ups": list(goal.follow_ups.select_related("author").order_by("-written_on", "-id")[:5]),
        "follow_up_count": goal.follow_ups.count(),
    }


def learning_log(*, goal: Goal) -> QuerySet[FollowUp]:
    return (
        goal.follow_ups.select_related("author").prefetch_related("evidence").order_by("-written_on", "-id")
    )


def evidence_for(*, goal: Goal) -> QuerySet[Evidence]:
    return goal.evidence.select_related("created_by", "follow_up").order_by("-occurred_on", "-id")


# The front page's read of the reader's own goals, compiled once per process with the reader's id and
# the date as parameters (kompas.core.statements): the ORM's compiling cost more than the query.
_FOLLOW_UPS_DUE = Statement(
    lambda: (
        Goal.objects.filter(
            owner_id=Param("user", IntegerField()),
            archived_at__isnull=True,
            next_follow_up_on__lte=Param("until", DateField()),
        )
        .order_by("next_follow_up_on", "pk")
        .values_list("pk", "title", "next_follow_up_on")[:20]
    )
)


def follow_ups_due_for(
    *, user: "User", today: dt.date, warn_days: int = 14
) -> list[tuple[int, str, dt.date]]:
    """The user's own active goals whose follow-up is due within ``warn_days``, the earliest first, as (pk, title,
    follow-up date): rows, as the front page's panel shows no more of a goal than that."""
    return cast(
        "list[tuple[int, str, dt.date]]",
        _FOLLOW_UPS_DUE.rows(user=user.pk, until=today + dt.timedelta(days=warn_days)),
    )


def crowded_units_for(
    *, user: "User", crowded: "list[tuple[int, str, int]] | None" = None
) -> list[tuple[Unit, int]]:
    """The user's units with more active goals than the policy allows ('few but important'), each with its
    count of active goals. ``crowded`` is :func:`crowded_units` when the caller keeps it (it is the same for
    every user); the user's units are always read (``organisations.leadership``, once per request), so the page
    asks the same queries whatever the data."""
    if crowded is None:
        crowded = crowded_units()
    mine = unit_ids(user)  # read once per request with the reader's other memberships
    return [(Unit(pk=pk, name=name), count) for pk, name, count in crowded if pk in mine]


def crowded_units() -> list[tuple[int, str, int]]:
    """Every unit with more active goals than the policy allows, as (pk, name, active goals), in the units'
    order: one query, the limit and the counts as subqueries. The same for every reader."""
    active = (
        Goal.objects.filter(owner_unit=OuterRef("pk"), archived_at__isnull=True)
        .exclude(status__in=[GoalStatus.ACHIEVED, GoalStatus.STOPPED])
        .order_by()
        .values("owner_unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    limit = GoalPolicy.objects.order_by("pk").values("max_active_goals_per_unit")[:1]
    default = GoalPolicy._meta.get_field("max_active_goals_per_unit").get_default()
    return list(
        Unit.objects.annotate(
            active_goals=Coalesce(Subquery(active), 0), goal_limit=Coalesce(Subquery(limit), default)
        )
        .filter(active_goals__gt=F("goal_limit"))
        .values_list("pk", "name", "active_goals")
    )


def units_over_goal_limit(*, unit_ids: list[int]) -> dict[int, int]:
    """Active goals per unit for the given units, where the count exceeds the configured number."""
    limit = GoalPolicy.current().max_active_goals_per_unit
    counts = (
        Goal.objects.filter(owner_unit_id__in=unit_ids, archived_at__isnull=True)
        .exclude(status__in=[GoalStatus.ACHIEVED, GoalStatus.STOPPED])
        .values("owner_unit_id")
        .annotate(n=Count("id"))
    )
    return {row["owner_unit_id"]: row["n"] for row in counts if row["n"] > limit}
