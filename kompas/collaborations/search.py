"""Collaborations in the site search (kompas.core.search): staff, what the collaboration list shows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider
from kompas.core.textsearch import matching, within

from . import selectors
from .permissions import can_view_collaborations

FIELDS = (("title", "A"), ("purpose", "B"))


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_collaborations.test(user):
        return []
    listed = within(selectors.collaborations_for_list())
    found = matching(listed, query, fields=FIELDS).order_by("-rank", "-updated_at", "-id")[:limit]
    return [
        SearchHit(
            title=collaboration.title,
            url=reverse("collaborations:detail", kwargs={"pk": collaboration.pk}),
            snippet=collaboration.purpose,
            kind_label=_("Collaboration"),
            date=collaboration.updated_at,
        )
        for collaboration in found
    ]


def see_all(user, query: str) -> str:
    return f"{reverse('collaborations:list')}?{urlencode({'q': query[:100]})}"


PROVIDER = SearchProvider(
    key="collaborations",
    label=_("Collaborations"),
    order=50,
    search=search,
    rule=can_view_collaborations,
    see_all=see_all,
)


def register() -> None:
    register_provider(PROVIDER)
