"""Dialogue forums in the site search (kompas.core.search): only the forums the user may see (forums_for)."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import Forum

# Who sees a forum is forums_for (public, invited, facilitated, staff forums for staff; no drafts).
SEARCH = module_search(
    SearchSource(
        Forum,
        fields={"title": "A", "question": "B", "dilemma": "C", "outcome": "C"},
        visible=lambda user: selectors.forums_for(user=user),
    ),
    key="dialogues",
    label=_("Dialogues"),
    order=30,
    hits=Hits(
        "dialogues:detail",
        snippet="dilemma",
        kind=_("Dialogue"),
        date="created_at",
        order=("-created_at", "-id"),
    ),
)
register = SEARCH.register
