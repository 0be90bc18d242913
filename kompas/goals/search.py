"""Goals in the site search (kompas.core.search): staff only, the goals the goal list shows (not archived)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import Goal
from .permissions import can_view_goals


def visible(user):
    """What the goal list shows (staff; not archived). The public finds published goals in the value map."""
    if not can_view_goals.test(user):
        return Goal.objects.none()
    return selectors.goals_for_list(user=user, filters=selectors.GoalFilters())


SOURCE = search_index.SearchSource(
    Goal, fields={"title": "A", "value_statement": "B", "beneficiaries": "C"}, visible=visible
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_goals.test(user):
        return []
    goals = SOURCE.search(user, query, limit, order=("-updated_at", "-id"))
    return [
        SearchHit(
            title=goal.title,
            url=reverse("goals:detail", kwargs={"pk": goal.pk}),
            snippet=goal.value_statement,
            kind_label=_("Goal"),
            date=goal.updated_at,
        )
        for goal in goals
    ]


PROVIDER = SearchProvider(key="goals", label=_("Goals"), order=20, search=search, rule=can_view_goals)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
