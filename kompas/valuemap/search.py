"""The published goals in the site search (kompas.core.search): what the public value map shows.

Staff find every goal through the goals module; everyone else finds the goals of the current published
snapshot (the copy the public value map shows, never the live goal), linked to their page in the value map.
"""

from django.utils.translation import gettext_lazy as _

from kompas.core.roles import is_staff_member
from kompas.core.search import Hits, module_search
from kompas.core.search_index import SearchSource

from .models import SnapshotGoal, SnapshotState


def visible(user):
    """The goals of the current, ready snapshot."""
    return SnapshotGoal.objects.filter(snapshot__is_current=True, snapshot__state=SnapshotState.READY)


SEARCH = module_search(
    SearchSource(
        SnapshotGoal, fields={"title": "A", "value_statement": "B", "beneficiaries": "C"}, visible=visible
    ),
    key="valuemap",
    label=_("Published goals"),
    order=21,
    rule=~is_staff_member,
    scope=lambda user: "everyone",  # the current snapshot, for everyone alike
    hits=Hits(
        "valuemap:goal",
        key="goal_id",
        snippet="value_statement",
        kind=_("Goal"),
        date="updated_at",
        order=("title", "goal_id"),
    ),
)
register = SEARCH.register
