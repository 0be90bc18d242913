"""Collaborations in the site search (kompas.core.search): staff, what the collaboration list shows."""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, list_search, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import Collaboration
from .permissions import can_view_collaborations


def visible(user):
    """What the collaboration list shows: every collaboration, for staff."""
    if not can_view_collaborations.test(user):
        return Collaboration.objects.none()
    return selectors.collaborations_for_list()


SEARCH = module_search(
    SearchSource(Collaboration, fields={"title": "A", "purpose": "B"}, visible=visible),
    key="collaborations",
    label=_("Collaborations"),
    order=50,
    rule=can_view_collaborations,
    scope=lambda user: can_view_collaborations.test(user),  # the same list for every member of staff
    hits=Hits(
        "collaborations:detail",
        snippet="purpose",
        kind=_("Collaboration"),
        date="updated_at",
        order=("-updated_at", "-id"),
    ),
    see_all=list_search("collaborations:list"),
)
register = SEARCH.register
