"""Goals in the site search (kompas.core.search): staff only, the goals the goal list shows (not archived)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import Goal
from .permissions import can_view_goals


def visible(user):
    """What the goal list shows (staff; not archived). The public finds published goals in the value map."""
    if not can_view_goals.test(user):
        return Goal.objects.none()
    return selectors.goals_for_list(user=user, filters=selectors.GoalFilters())


SEARCH = module_search(
    SearchSource(Goal, fields={"title": "A", "value_statement": "B", "beneficiaries": "C"}, visible=visible),
    key="goals",
    label=_("Goals"),
    order=20,
    rule=can_view_goals,
    scope=lambda user: can_view_goals.test(user),  # the same list for every member of staff
    hits=Hits(
        "goals:detail",
        snippet="value_statement",
        kind=_("Goal"),
        date="updated_at",
        order=("-updated_at", "-id"),
    ),
)
register = SEARCH.register
