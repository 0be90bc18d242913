"""Collaborations in the site search (kompas.core.search): staff, what the collaboration list shows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import Collaboration
from .permissions import can_view_collaborations


def visible(user):
    """What the collaboration list shows: every collaboration, for staff."""
    if not can_view_collaborations.test(user):
        return Collaboration.objects.none()
    return selectors.collaborations_for_list()


SOURCE = search_index.SearchSource(Collaboration, fields={"title": "A", "purpose": "B"}, visible=visible)


def search(user, query: str, limit: int) -> list[SearchHit]:
    if not can_view_collaborations.test(user):
        return []
    found = SOURCE.search(user, query, limit, order=("-updated_at", "-id"))
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
    search_index.register(SOURCE)
    register_provider(PROVIDER)
