"""Who may read a learning forum, a session and a material: the forums' own accessors (ADR 0015)."""

from kompas.core import object_access

from . import selectors
from .permissions import can_view_learning


def register() -> None:
    object_access.register(
        "learning.learningforum",
        object_access.from_guarded(selectors.forum_get_for_user, rule=can_view_learning),
    )
    object_access.register(
        "learning.session", object_access.from_guarded(selectors.session_get_for_user, rule=can_view_learning)
    )
    object_access.register(
        "learning.material",
        object_access.from_guarded(selectors.material_get_for_user, rule=can_view_learning),
    )
