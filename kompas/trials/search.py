"""Trials in the site search (kompas.core.search): staff, what the trial list shows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching, within

from . import selectors
from .permissions import can_view_trials

FIELDS = (("title", "A"), ("question", "B"), ("value_sought", "C"), ("result", "C"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_trials.test(user):
        return []
    listed = within(selectors.trials_for_list())
    trials = matching(listed, query, fields=FIELDS).order_by("-rank", "-updated_at", "-id")[:limit]
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
    register_provider(PROVIDER)
