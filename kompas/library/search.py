"""Vidensbanken in the site search (kompas.core.search): the library's own search, as the user may see it."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import search_index
from kompas.core.search import SearchHit, SearchProvider
from kompas.core.search import register as register_provider

from . import selectors
from .models import LibraryItem

# The library's own search page reads the same stored document (selectors.library_search).
SOURCE = search_index.SearchSource(
    LibraryItem, fields=dict(selectors.SEARCH_FIELDS), visible=lambda user: selectors.items_visible_to(user)
)


def search(user, query: str, limit: int) -> list[SearchHit]:
    found = SOURCE.search(user, query, limit, order=("-dated", "-id"))
    return [
        SearchHit(
            title=item.title,
            url=reverse("library:detail", kwargs={"pk": item.pk}),
            snippet=item.summary or item.body,
            kind_label=item.get_kind_display(),
            date=item.dated,
        )
        for item in found
    ]


def see_all(user, query: str) -> str:
    return f"{reverse('library:search')}?{urlencode({'q': query})}"


PROVIDER = SearchProvider(
    key="library", label=_("Knowledge library"), order=80, search=search, see_all=see_all
)


def register() -> None:
    search_index.register(SOURCE)
    register_provider(PROVIDER)
