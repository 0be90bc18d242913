"""The farewell list in the site search (kompas.core.search).

Everyone finds what was said goodbye to (the public list: stopped or simplified, without the proposer or the
internal note); staff find every proposal the list shows them.
"""

from django.utils.translation import gettext_lazy as _

from kompas.core.search import Hits, module_search
from kompas.core.search_index import SearchSource

from . import selectors
from .models import FarewellProposal
from .permissions import can_view_farewells


def visible(user):
    """Staff: every proposal the farewell list shows them; everyone else: what was said goodbye to."""
    if can_view_farewells.test(user):
        return selectors.proposals_for_list(user=user, filters=selectors.FarewellFilters())
    return selectors.public_farewells()


def status(proposal) -> str:
    return proposal.get_status_display()


STAFF = Hits(
    "stoplist:detail",
    snippet="description",
    kind=status,
    date="created_at",
    order=("-created_at", "-id"),
    reads=("status",),
)
# A farewell on the public list links to its own public page (404 for anything the list does not show).
PUBLIC = Hits(
    "stoplist:public-detail",
    snippet="description",
    kind=status,
    date="decided_at",
    order=("-decided_at", "-id"),
    reads=("status",),
)

SEARCH = module_search(
    SearchSource(FarewellProposal, fields={"title": "A", "description": "B"}, visible=visible),
    key="stoplist",
    label=_("Farewell list"),
    order=70,
    hits=lambda user: STAFF if can_view_farewells.test(user) else PUBLIC,
    # Staff see the whole list (no filter of theirs applies here), everyone else the public one.
    scope=lambda user: can_view_farewells.test(user),
)
register = SEARCH.register
