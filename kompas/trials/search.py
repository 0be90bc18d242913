"""Trials in the site search (kompas.core.search): staff, what the trial list shows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import Trial
from .permissions import can_view_trials


def visible(user):
    """What the trial list shows: every trial, for staff."""
    if not can_view_trials.test(user):
        return Trial.objects.none()
    return selectors.trials_for_list()


SOURCE = search_index.SearchSource(
    Trial, fields={"title": "A", "question": "B", "value_sought": "C", "result": "C"}, visible=visible
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_trials.test(user):
        return []
    trials = SOURCE.search(user, query, limit, order=("-updated_at", "-id"))
    return [
        SearchHit(
            title=trial.title,
            url=reverse("trials:detail", kwargs={"pk": trial.pk}),
            snippet=trial.question,
            kind_label=_("Trial"),
            date=trial.updated_at,
        )
        for trial in trials
    ]


def see_all(user, query: str) -> str:
    return f"{reverse('trials:list')}?{urlencode({'q': query[:100]})}"


PROVIDER = SearchProvider(
    key="trials", label=_("Trials"), order=60, search=search, rule=can_view_trials, see_all=see_all
)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
