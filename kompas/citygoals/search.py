"""The city goals in the site search (kompas.core.search): public, the active goals only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching

from . import selectors

FIELDS = (("title", "A"), ("description", "B"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    goals = matching(selectors.city_goals(), query, fields=FIELDS).order_by("-rank", "order", "title")[:limit]
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
    register_provider(PROVIDER)
