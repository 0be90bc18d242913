"""Council proposals in the site search (kompas.core.search).

Staff find what the proposal list shows them (``proposals_for_user``: drafts of their own departments, all
drafts for programme staff, and every proposal that has been sent on); everyone else finds the published,
decided proposals (``published_proposals``).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching

from . import selectors
from .permissions import can_view_proposals

FIELDS = (("title", "A"), ("case_number", "A"), ("decision_note", "B"), ("earlier_decisions", "C"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    if can_view_proposals.test(user):
        found = matching(selectors.proposals_for_user(user=user), query, fields=FIELDS)
        return [
            SearchHit(
                title=proposal.title,
                url=reverse("proposals:detail", kwargs={"pk": proposal.pk}),
                snippet=proposal.decision_note or proposal.earlier_decisions,
                kind_label=proposal.get_status_display(),
                date=proposal.dated,
            )
            for proposal in found.order_by("-rank", "-updated_at", "-id")[:limit]
        ]
    found = matching(selectors.published_proposals(), query, fields=FIELDS)
    return [
        SearchHit(
            title=proposal.title,
            url=reverse("proposals:published-detail", kwargs={"pk": proposal.pk}),
            snippet=proposal.decision_note,
            kind_label=_("Council proposal"),
            date=proposal.decided_on,
        )
        for proposal in found.order_by("-rank", "-decided_on", "-id")[:limit]
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
    register_provider(PROVIDER)
