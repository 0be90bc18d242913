"""Dialogue forums in the site search (kompas.core.search): only the forums the user may see (forums_for)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import Forum

# Who sees a forum is forums_for (public, invited, facilitated, staff forums for staff; no drafts).
SOURCE = search_index.SearchSource(
    Forum,
    fields={"title": "A", "question": "B", "dilemma": "C", "outcome": "C"},
    visible=lambda user: selectors.forums_for(user=user),
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    forums = SOURCE.search(user, query, limit, order=("-created_at", "-id"))
    return [
        SearchHit(
            title=forum.title,
            url=reverse("dialogues:detail", kwargs={"pk": forum.pk}),
            snippet=forum.dilemma,
            kind_label=_("Dialogue"),
            date=forum.created_at,
        )
        for forum in forums
    ]


PROVIDER = SearchProvider(key="dialogues", label=_("Dialogues"), order=30, search=search)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
