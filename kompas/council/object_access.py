"""Who may read a committee and its memberships: the council's own accessor (ADR 0015)."""

from kompas.core import object_access

from . import selectors


def register() -> None:
    object_access.register(
        "council.committee", object_access.from_guarded(selectors.committee_get_by_pk_for_user)
    )
