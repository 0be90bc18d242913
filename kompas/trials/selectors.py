"""Reads of Afprøvninger."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kompas.core import public_items as public_kinds
from kompas.core.choices import Visibility
from kompas.core.public_items import PublicItem, PublicStory
from kompas.goals.models import Goal
from kompas.organisations.models import Unit

from .choices import TrialStatus
from .models import Iteration, Trial

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kompas.accounts.models import User

# The co-owner units of a trial, with their departments, in the order the lists show them.
_CO_OWNERS = Unit.objects.select_related("department").order_by("department__order", "name")


def trials_for_list(
    *,
    query: str = "",
    status: str = "",
    city_goal: int | None = None,
    mine_of: "User | None" = None,
    department: int | None = None,
) -> QuerySet[Trial]:
    """Trials for the list; ``department`` keeps those with an owner unit (lead or co-owner) in it."""
    trials = (
        Trial.objects.select_related("owner_unit__department")
        .prefetch_related("city_goals", Prefetch("co_owner_units", queryset=_CO_OWNERS))
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
    if department:
        across = Trial.co_owner_units.through.objects.filter(unit__department=department).values("trial_id")
        trials = trials.filter(Q(owner_unit__department=department) | Q(pk__in=across))
    return trials


def trial_get_for_user(*, user: "User | AnonymousUser", pk: int) -> Trial:
    """Staff may read every trial; the same 404 for a missing one."""
    return get_object_or_404(
        Trial.objects.select_related("owner_unit__department", "owner", "fund_project").prefetch_related(
            "city_goals",
            Prefetch("co_owner_units", queryset=_CO_OWNERS),
            Prefetch("goals", queryset=Goal.objects.only("pk", "title")),
            Prefetch("iterations", queryset=Iteration.objects.select_related("decided_by", "author")),
        ),
        pk=pk,
    )


def iteration_get(*, pk: int) -> Iteration:
    return get_object_or_404(Iteration.objects.select_related("trial__owner_unit__department"), pk=pk)


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


# What the public may see of trials, as the published value map copies it (ADR 0007). A decided iteration's
# text only: the iteration under way is a draft. Its learning only where the owner marked it shareable.
PUBLIC_STATUS_LABELS = dict(TrialStatus.choices)


def public_items() -> list[PublicItem]:
    """Every public trial with its city goals (direct or through its goals), in a fixed number of queries."""
    decided = Iteration.objects.exclude(decision="").order_by("number")
    trials = (
        Trial.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("owner_unit__department")
        .prefetch_related(
            "city_goals",
            Prefetch("goals", queryset=Goal.objects.prefetch_related("city_goals")),
            Prefetch("iterations", queryset=decided, to_attr="decided_iterations"),
        )
        .order_by("pk")
    )
    items = []
    for t in trials:
        city_goals = {c.pk for c in t.city_goals.all()} | {
            c.pk for g in t.goals.all() for c in g.city_goals.all()
        }
        iterations = cast("list[Iteration]", t.decided_iterations)  # the Prefetch's to_attr
        last = iterations[-1] if iterations else None
        shared = [i for i in iterations if i.shareable and i.learned]
        numbers = [("iterations", str(len(iterations)))]
        if last is not None and last.saw_numbers:
            numbers.append(("saw_numbers", last.saw_numbers))
        stories: tuple[PublicStory, ...] = ()
        if last is not None and last.saw_stories:
            stories = (
                PublicStory(
                    title="",
                    text=last.saw_stories,
                    occurred_on=last.decided_at.date() if last.decided_at else None,
                    source=t.owner_unit.name,
                ),
            )
        items.append(
            PublicItem(
                kind=public_kinds.TRIAL,
                source_id=t.pk,
                title=t.title,
                summary=t.question,
                owner=f"{t.owner_unit.department.name} · {t.owner_unit.name}",
                status=t.status,
                city_goal_ids=tuple(sorted(city_goals)),
                updated_on=t.updated_at.date(),
                numbers=tuple(numbers),
                learned=shared[-1].learned if shared else "",
                stopped=t.result if t.status == TrialStatus.STOPPED else "",
                stories=stories,
            )
        )
    return items
