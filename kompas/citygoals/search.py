"""The city goals in the site search (kompas.core.search): public, the active goals only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import CityGoal

SOURCE = search_index.SearchSource(
    CityGoal, fields={"title": "A", "description": "B"}, visible=lambda user: selectors.city_goals()
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    goals = SOURCE.search(user, query, limit, order=("order", "title"))
    return [
        SearchHit(
            title=goal.title,
            url=reverse("citygoals:detail", kwargs={"slug": goal.slug}),
            snippet=goal.description,
            kind_label=_("City goal"),
        )
        for goal in goals
    ]


PROVIDER = SearchProvider(key="citygoals", label=_("City goals"), order=10, search=search)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
