"""Who may read a hearing and a request to meet a committee: the app's own accessors (ADR 0015)."""

from kompas.core import object_access

from . import selectors


def register() -> None:
    object_access.register("hearings.hearing", object_access.from_guarded(selectors.hearing_get_for_user))
    object_access.register(
        "hearings.foretraederequest", object_access.from_guarded(selectors.foretraede_get_for_user)
    )
