"""Goals in the site search (kompas.core.search): staff only, the goals the goal list shows (not archived)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching, within

from . import selectors
from .permissions import can_view_goals

FIELDS = (("title", "A"), ("value_statement", "B"), ("beneficiaries", "C"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_goals.test(user):
        return []
    listed = within(selectors.goals_for_list(user=user, filters=selectors.GoalFilters()))
    goals = matching(listed, query, fields=FIELDS).order_by("-rank", "-updated_at", "-id")[:limit]
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
    register_provider(PROVIDER)
