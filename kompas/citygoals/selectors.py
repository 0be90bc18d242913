from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import CityGoal, Vision


def vision() -> Vision | None:
    return Vision.objects.order_by("pk").first()


def city_goals(*, include_inactive: bool = False) -> QuerySet[CityGoal]:
    qs = CityGoal.objects.order_by("order", "title")
    return qs if include_inactive else qs.filter(is_active=True)


def city_goal_get(*, slug: str, include_inactive: bool = False) -> CityGoal:
    return get_object_or_404(city_goals(include_inactive=include_inactive), slug=slug)


def city_goal_get_by_pk(*, pk: int) -> CityGoal:
    return get_object_or_404(CityGoal, pk=pk)
