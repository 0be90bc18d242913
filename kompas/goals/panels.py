from django.utils import timezone

from kompas.core import welcome

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
        # Which units are crowded is the same for every reader (kept with the front page's shared data); only
        # the reader's own units are read for them.
        "crowded_units": selectors.crowded_units_for(
            user=user, crowded=welcome.shared_data(request, "goals:crowded-units", selectors.crowded_units)
        ),
    }
