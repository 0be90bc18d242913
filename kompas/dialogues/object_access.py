"""Who may read a forum: the forum's own accessor (ADR 0015)."""

from kompas.core import object_access

from . import selectors


def register() -> None:
    object_access.register("dialogues.forum", object_access.from_guarded(selectors.forum_get_for_user))
