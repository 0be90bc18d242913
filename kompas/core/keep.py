"""“Leave this field as it is”: the default of an update service's keyword arguments.

An update service names every field it may change, each defaulting to ``KEEP``; a caller passes the fields it
changes. ``given_of`` collects the ones passed from the service's ``locals()`` (read before anything else is
assigned), so the service's body works on exactly what the caller gave, and the field list is written once::

    def goal_update(*, goal: Goal, actor: User, title: str | Keep = KEEP, ...) -> Goal:
        values = given_of(locals(), AUDITED_GOAL.names)

``given`` does the same for arguments named one by one.
"""

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal


class _Keep(enum.Enum):
    KEEP = "keep"

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep.KEEP
Keep = Literal[_Keep.KEEP]


def given(**values: object) -> dict[str, Any]:
    """The keyword arguments the caller gave: those not left at ``KEEP``, in the order written."""
    return {name: value for name, value in values.items() if value is not KEEP}


def given_of(arguments: Mapping[str, object], names: Iterable[str]) -> dict[str, Any]:
    """The arguments among ``names`` that the caller gave, read from the service's ``locals()``: one list of
    the fields (the one the audit trail records) instead of writing every keyword argument out again."""
    return given(**{name: arguments[name] for name in names})
