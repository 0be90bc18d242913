"""“Leave this field as it is”: the default of an update service's keyword arguments.

An update service names every field it may change, each defaulting to ``KEEP``; a caller passes the fields it
changes. ``given`` collects the ones passed, so the service's body works on exactly what the caller gave::

    def goal_update(*, goal: Goal, actor: User, title: str | Keep = KEEP, ...) -> Goal:
        values = given(title=title, ...)
"""

import enum
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
