import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from kompas.core import welcome
from kompas.core.search import url_maker

from . import selectors
from .permissions import can_view_goals


@dataclass(frozen=True)
class DueRow:
    """One goal whose follow-up is due, as the panel lists it: its address and label worked out once here rather
    than a tag per row in the template."""

    title: str
    follow_up_url: str
    due_label: SafeString


@lru_cache(maxsize=512)
def _due_label(due_on: dt.date, overdue: bool, language: str | None) -> SafeString:
    """A row's "due 1. oktober 2026" or "was due …": the same few dates on every owner's front page, so worked out
    once per process and language (the active one, given as part of the key)."""
    message = gettext("was due %(date)s") if overdue else gettext("due %(date)s")
    return welcome.filled(message, date=welcome.long_date(due_on))


def due_follow_ups(request) -> dict | None:
    """The owner's front page: follow-ups that are due, and the 'few but important' notice for their units."""
    user = request.user
    if not can_view_goals.test(user):
        return None
    today = timezone.localdate()
    follow_up_url = url_maker("goals:follow-up-create", "pk")
    language = get_language()
    due = [
        DueRow(title, follow_up_url(pk), _due_label(due_on, due_on < today, language))
        for pk, title, due_on in selectors.follow_ups_due_for(user=user, today=today)
    ]
    return {
        "due": due,
        "today": today,
        "list_url": welcome.address("goals:list"),
        # Which units are crowded is the same for every reader (kept with the front page's shared data); only
        # the reader's own units are read for them.
        # as (name, count): plain values, so the panel's HTML is kept under them (welcome.rendered)
        "crowded_units": [
            (unit.name, count)
            for unit, count in selectors.crowded_units_for(
                user=user,
                crowded=welcome.shared_data(request, "goals:crowded-units", selectors.crowded_units),
            )
        ],
    }
