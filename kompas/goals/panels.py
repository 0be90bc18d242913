import datetime as dt
from typing import cast

from django.utils import timezone
from django.utils.translation import gettext

from kompas.core import welcome
from kompas.core.search import url_maker

from . import selectors
from .permissions import can_view_goals


def due_follow_ups(request) -> dict | None:
    """The owner's front page: follow-ups that are due, and the 'few but important' notice for their units."""
    user = request.user
    if not can_view_goals.test(user):
        return None
    today = timezone.localdate()
    due = selectors.follow_ups_due_for(user=user, today=today)
    # Each row's address and label worked out here, once, rather than a tag per row in the template.
    follow_up_url = url_maker("goals:follow-up-create", "pk")
    for goal in due:
        due_on = cast("dt.date", goal.next_follow_up_on)  # the selector finds only goals with a date
        message = gettext("was due %(date)s") if due_on < today else gettext("due %(date)s")
        goal.follow_up_url = follow_up_url(goal.pk)  # type: ignore[attr-defined]  # for the panel's template
        goal.due_label = welcome.filled(message, date=welcome.long_date(due_on))  # type: ignore[attr-defined]
    return {
        "due": due,
        "today": today,
        "list_url": welcome.address("goals:list"),
        # Which units are crowded is the same for every reader (kept with the front page's shared data); only
        # the reader's own units are read for them.
        "crowded_units": selectors.crowded_units_for(
            user=user, crowded=welcome.shared_data(request, "goals:crowded-units", selectors.crowded_units)
        ),
    }
