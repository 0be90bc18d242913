"""Writes of the city goals app: create, edit, reorder. Every change is audited with before/after."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from kompas import activity
from kompas.activity.services import changes_between, snapshot, wording_update
from kompas.core import versions
from kompas.core.slugs import danish_slugify

from . import verbs
from .models import CityGoal, Vision

if TYPE_CHECKING:
    from kompas.accounts.models import User

CITY_GOAL_FIELDS = ("title", "description", "order", "is_active", "slug")
VISION_FIELDS = ("title", "text")


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = danish_slugify(title) or "maal"
    slug, n = base, 2
    while CityGoal.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():  # type: ignore[misc]  # pk=None excludes nothing
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def city_goal_create(*, title: str, description: str, is_active: bool = True, actor: "User") -> CityGoal:
    next_order = (CityGoal.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    goal = CityGoal.objects.create(
        slug=_unique_slug(title), title=title, description=description, order=next_order, is_active=is_active
    )
    versions.bump("content")
    activity.record(
        actor=actor,
        verb=verbs.CITY_GOAL_CREATED,
        target=goal,
        changes=changes_between({}, snapshot(goal, CITY_GOAL_FIELDS)),
    )
    return goal


@transaction.atomic
def city_goal_update(
    *, goal: CityGoal, title: str, description: str, is_active: bool, actor: "User"
) -> CityGoal:
    # Compared with what is stored, not with an instance a ModelForm may already have changed.
    return wording_update(
        instance=goal,
        actor=actor,
        verb=verbs.CITY_GOAL_UPDATED,
        fields=CITY_GOAL_FIELDS,
        values={"title": title, "description": description, "is_active": is_active},
        wording=("title", "description"),
    )


@transaction.atomic
def city_goal_move(*, goal: CityGoal, direction: int, actor: "User") -> CityGoal:
    """Move a city goal one place up (-1) or down (+1) in the order; the orders are renumbered 1..n."""
    goals = list(CityGoal.objects.select_for_update().order_by("order", "title"))
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    other = index + (1 if direction > 0 else -1)
    if not 0 <= other < len(goals):
        return goals[index]
    goals[index], goals[other] = goals[other], goals[index]
    moved = goals[other]
    before = moved.order
    for position, item in enumerate(goals, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order", "updated_at"])
    versions.bump("content")
    activity.record(
        actor=actor, verb=verbs.CITY_GOAL_MOVED, target=moved, changes={"order": [before, moved.order]}
    )
    return moved


@transaction.atomic
def vision_update(*, vision: Vision, title: str, text: str, actor: "User") -> Vision:
    # Compared with what is stored, not with an instance a ModelForm may already have changed.
    return wording_update(
        instance=vision,
        actor=actor,
        verb=verbs.VISION_UPDATED,
        fields=VISION_FIELDS,
        values={"title": title, "text": text},
    )
