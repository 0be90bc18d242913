from django.utils import timezone

from . import selectors
from .permissions import can_view_goals


def due_follow_ups(request) -> dict | None:
    """The owner's front page: follow-ups that are due, and the 'few but important' notice for their units."""
    user = request.user
    if not can_view_goals.test(user):
        return None
    today = timezone.localdate()
    return {
        "due": selectors.follow_ups_due_for(user=user, today=today),
        "today": today,
        "crowded_units": selectors.crowded_units_for(user=user),
    }
