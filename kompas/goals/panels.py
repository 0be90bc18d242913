from django.utils import timezone

from kompas.organisations.selectors import units_for_user

from . import selectors
from .permissions import can_view_goals


def due_follow_ups(request) -> dict | None:
    """The owner's front page: follow-ups that are due, and the 'few but important' notice for their units."""
    user = request.user
    if not can_view_goals.test(user):
        return None
    today = timezone.localdate()
    due = selectors.follow_ups_due_for(user=user, today=today)
    units = list(units_for_user(user))
    over = selectors.units_over_goal_limit(unit_ids=[u.pk for u in units])
    return {
        "due": due,
        "today": today,
        "crowded_units": [(u, over[u.pk]) for u in units if u.pk in over],
    }
