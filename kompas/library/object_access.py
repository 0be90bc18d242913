"""Who may read a library item: the library's own accessor (ADR 0015)."""

from kompas.core import object_access

from . import selectors


def register() -> None:
    object_access.register("library.libraryitem", object_access.from_guarded(selectors.item_get_for_user))
