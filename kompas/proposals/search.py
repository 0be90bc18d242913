"""Council proposals in the site search (kompas.core.search).

Staff find what the proposal list shows them (``proposals_for_user``: drafts of their own departments, all
drafts for programme staff, and every proposal that has been sent on); everyone else finds the published,
decided proposals (``published_proposals``).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import Proposal
from .permissions import can_view_proposals


def visible(user):
    """Staff: what the proposal list shows them; everyone else: the published, decided proposals."""
    if can_view_proposals.test(user):
        return selectors.proposals_for_user(user=user)
    return selectors.published_proposals()


SOURCE = search_index.SearchSource(
    Proposal,
    fields={"title": "A", "case_number": "A", "decision_note": "B", "earlier_decisions": "C"},
    visible=visible,
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    if can_view_proposals.test(user):
        found = SOURCE.search(user, query, limit, order=("-updated_at", "-id"))
        return [
            SearchHit(
                title=proposal.title,
                url=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
                snippet=proposal.decision_note or proposal.earlier_decisions,
                kind_label=proposal.get_status_display(),
                date=proposal.dated,
            )
            for proposal in found
        ]
    found = SOURCE.search(user, query, limit, order=("-decided_on", "-id"))
    return [
        SearchHit(
            title=proposal.title,
            url=reverse("proposals:published-detail", kwargs={"pk": proposal.pk}),
            snippet=proposal.decision_note,
            kind_label=_("Council proposal"),
            date=proposal.decided_on,
        )
        for proposal in found
    ]


def see_all(user, query: str) -> str | None:
    """Staff search the proposal list (title and case number); the published list has no search."""
    if not can_view_proposals.test(user):
        return None
    return f"{reverse('proposals:list')}?{urlencode({'q': query[:100]})}"


PROVIDER = SearchProvider(
    key="proposals", label=_("Council proposals"), order=75, search=search, see_all=see_all
)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
