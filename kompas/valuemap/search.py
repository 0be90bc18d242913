"""The published goals in the site search (kompas.core.search): what the public value map shows.

Staff find every goal through the goals module; everyone else finds the goals of the current published
snapshot (the copy the public value map shows, never the live goal), linked to their page in the value map.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.roles import is_staff_member
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from .models import SnapshotGoal, SnapshotState


def visible(user):
    """The goals of the current, ready snapshot."""
    return SnapshotGoal.objects.filter(snapshot__is_current=True, snapshot__state=SnapshotState.READY)


SOURCE = search_index.SearchSource(
    SnapshotGoal, fields={"title": "A", "value_statement": "B", "beneficiaries": "C"}, visible=visible
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    goals = SOURCE.search(user, query, limit, order=("title", "goal_id"))
    return [
        SearchHit(
            title=goal.title,
            url=reverse("valuemap:goal", kwargs={"goal_id": goal.goal_id}),
            snippet=goal.value_statement,
            kind_label=_("Goal"),
            date=goal.updated_at,
        )
        for goal in goals
    ]


PROVIDER = SearchProvider(
    key="valuemap", label=_("Published goals"), order=21, search=search, rule=~is_staff_member
)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
