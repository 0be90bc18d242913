"""The farewell list in the site search (kompas.core.search).

Everyone finds what was said goodbye to (the public list: stopped or simplified, without the proposer or the
internal note); staff find every proposal the list shows them.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching

from . import selectors
from .permissions import can_view_farewells

FIELDS = (("title", "A"), ("description", "B"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    if can_view_farewells.test(user):
        listed = selectors.proposals_for_list(user=user, filters=selectors.FarewellFilters())
        proposals = matching(listed, query, fields=FIELDS).order_by("-rank", "-created_at", "-id")[:limit]
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
    public = matching(selectors.public_farewells(), query, fields=FIELDS).order_by(
        "-rank", "-decided_at", "-id"
    )
    return [
        SearchHit(
            title=proposal.title,
            url=reverse("stoplist:public"),
            snippet=proposal.description,
            kind_label=proposal.get_status_display(),
            date=proposal.decided_at,
        )
        for proposal in public[:limit]
    ]


PROVIDER = SearchProvider(key="stoplist", label=_("Farewell list"), order=70, search=search)


def register() -> None:
    register_provider(PROVIDER)
