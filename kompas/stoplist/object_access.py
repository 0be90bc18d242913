"""Who may read a farewell proposal: the farewell list's own accessor and page rule (ADR 0015)."""

from kompas.core import object_access

from . import selectors
from .permissions import can_view_farewells


def register() -> None:
    object_access.register(
        "stoplist.farewellproposal",
        object_access.from_guarded(selectors.proposal_get_for_user, rule=can_view_farewells),
    )
