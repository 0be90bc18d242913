"""The city goals in the site search (kompas.core.search): public, the active goals only."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import CityGoal

SEARCH = module_search(
    SearchSource(
        CityGoal, fields={"title": "A", "description": "B"}, visible=lambda user: selectors.city_goals()
    ),
    key="citygoals",
    label=_("City goals"),
    order=10,
    scope=lambda user: "everyone",  # the active goals, for everyone alike
    hits=Hits(
        "citygoals:detail", key="slug", snippet="description", kind=_("City goal"), order=("order", "title")
    ),
)
register = SEARCH.register
