"""Test helpers for city goals."""

from kompas.citygoals import services
from kompas.citygoals.models import CityGoal


def rename(goal: CityGoal, *, title: str, actor) -> None:
    """Rename an active city goal through its service: a write that every page showing the goal's name must
    show at once."""
    services.city_goal_update(
        goal=goal, title=title, description=goal.description, is_active=True, actor=actor
    )
