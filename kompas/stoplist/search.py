"""The farewell list in the site search (kompas.core.search).

Everyone finds what was said goodbye to (the public list: stopped or simplified, without the proposer or the
internal note); staff find every proposal the list shows them.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import FarewellProposal
from .permissions import can_view_farewells


def visible(user):
    """Staff: every proposal the farewell list shows them; everyone else: what was said goodbye to."""
    if can_view_farewells.test(user):
        return selectors.proposals_for_list(user=user, filters=selectors.FarewellFilters())
    return selectors.public_farewells()


SOURCE = search_index.SearchSource(
    FarewellProposal, fields={"title": "A", "description": "B"}, visible=visible
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    if can_view_farewells.test(user):
        proposals = SOURCE.search(user, query, limit, order=("-created_at", "-id"))
        return [
            SearchHit(
                title=proposal.title,
                url=reverse("stoplist:detail", kwargs={"pk": proposal.pk}),
                snippet=proposal.description,
                kind_label=proposal.get_status_display(),
                date=proposal.created_at,
            )
            for proposal in proposals
        ]
    public = SOURCE.search(user, query, limit, order=("-decided_at", "-id"))
    return [
        SearchHit(
            title=proposal.title,
            url=reverse("stoplist:public-detail", kwargs={"pk": proposal.pk}),
            snippet=proposal.description,
            kind_label=proposal.get_status_display(),
            date=proposal.decided_at,
        )
        for proposal in public
    ]


PROVIDER = SearchProvider(key="stoplist", label=_("Farewell list"), order=70, search=search)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
