"""Trials in the site search (kompas.core.search): staff, what the trial list shows."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, list_search, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import Trial
from .permissions import can_view_trials


def visible(user):
    """What the trial list shows: every trial, for staff."""
    if not can_view_trials.test(user):
        return Trial.objects.none()
    return selectors.trials_for_list()


SEARCH = module_search(
    SearchSource(
        Trial, fields={"title": "A", "question": "B", "value_sought": "C", "result": "C"}, visible=visible
    ),
    key="trials",
    label=_("Trials"),
    order=60,
    rule=can_view_trials,
    scope=lambda user: can_view_trials.test(user),  # the same list for every member of staff
    hits=Hits(
        "trials:detail", snippet="question", kind=_("Trial"), date="updated_at", order=("-updated_at", "-id")
    ),
    see_all=list_search("trials:list"),
)
register = SEARCH.register
