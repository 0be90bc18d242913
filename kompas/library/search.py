"""Vidensbanken in the site search (kompas.core.search): the library's own search, as the user may see it."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, list_search, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import LibraryItem

# The library's own search page reads the same stored document (selectors.library_search).
SEARCH = module_search(
    SearchSource(
        LibraryItem,
        fields=dict(selectors.SEARCH_FIELDS),
        visible=lambda user: selectors.items_visible_to(user),
    ),
    key="library",
    label=_("Knowledge library"),
    order=80,
    hits=Hits(
        "library:detail",
        snippet=lambda item: item.summary or item.body,
        kind=lambda item: item.get_kind_display(),
        reads=("summary", "body", "kind"),
        date="dated",
        order=("-dated", "-id"),
    ),
    see_all=list_search("library:search", cut=None),
    scope=selectors.audience_of,
)
register = SEARCH.register
