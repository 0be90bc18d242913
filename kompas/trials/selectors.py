"""Reads of Afprøvninger."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from kompas.goals.models import Goal

from .models import Iteration, Trial

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User


def trials_for_list(
    *, query: str = "", status: str = "", city_goal: int | None = None, mine_of: "User | None" = None
) -> QuerySet[Trial]:
    trials = (
        Trial.objects.select_related("owner_unit__department")
        .prefetch_related("city_goals")
        .annotate(iteration_count=Count("iterations", distinct=True))
        .order_by("-updated_at", "-id")
    )
    if query:
        trials = trials.filter(Q(title__icontains=query) | Q(question__icontains=query))
    if status:
        trials = trials.filter(status=status)
    if city_goal:
        trials = trials.filter(Q(city_goals=city_goal) | Q(goals__city_goals=city_goal)).distinct()
    if mine_of is not None:
        trials = trials.filter(owner=mine_of)
    return trials


def trial_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Trial:
    """Staff may read every trial; the same 404 for a missing one."""
    trial = (
        Trial.objects.select_related("owner_unit__department", "owner", "fund_project")
        .prefetch_related(
            "city_goals",
            Prefetch("goals", queryset=Goal.objects.only("pk", "title")),
            Prefetch("iterations", queryset=Iteration.objects.select_related("decided_by", "author")),
        )
        .filter(pk=pk)
        .first()
    )
    if trial is None:
        raise Http404
    return trial


def iteration_get(*, pk: int) -> Iteration:
    iteration = Iteration.objects.select_related("trial__owner_unit__department").filter(pk=pk).first()
    if iteration is None:
        raise Http404
    return iteration


@dataclass(frozen=True)
class TrialCard:
    """What the value map shows of a trial (staff view only)."""

    title: str
    url: str
    unit: str
    status: str
    status_label: str
    iterations: int
    is_internal: bool


def for_city_goal(*, city_goal_id: int, limit: int = 10) -> tuple[list[TrialCard], int]:
    """Trials that serve a city goal directly or through one of their goals; newest first. Two queries."""
    ids = Trial.objects.filter(Q(city_goals=city_goal_id) | Q(goals__city_goals=city_goal_id)).values("pk")
    trials = (
        Trial.objects.filter(pk__in=ids)
        .select_related("owner_unit__department")
        .annotate(iteration_count=Count("iterations"), last=Max("iterations__updated_at"))
        .order_by("-updated_at", "-id")
    )
    total = Trial.objects.filter(pk__in=ids).count()
    cards = [
        TrialCard(
            title=t.title,
            url=t.get_absolute_url(),
            unit=f"{t.owner_unit.department.short_name} · {t.owner_unit.name}",
            status=t.status,
            status_label=t.get_status_display(),
            iterations=t.iteration_count,
            is_internal=t.visibility != "public",
        )
        for t in trials[:limit]
    ]
    return cards, total
