"""Where a person works: the units they belong to, the units where they are a leader, and the departments of
those units.

The memberships are read once per user object (one request) and kept on it; the apps' permission predicates and
front-page panels ask here instead of each querying the memberships again.
"""

from typing import Any

from django.db.models import IntegerField

from kompas.core.statements import Param, Statement

from .choices import MembershipRole
from .models import Membership

# Compiled once per process with the user's id as a parameter (kompas.core.statements): most pages ask. No
# ordering: a set, and the memberships' own ordering would join the user, department and partner.
_UNITS = Statement(
    lambda: (
        Membership.objects.filter(user_id=Param("user", IntegerField()), unit__isnull=False)
        .order_by()
        .values_list("unit_id", "unit__department_id", "role")
    )
)


class _Units:
    """One user's units, read once."""

    __slots__ = ("led_department_ids", "led_unit_ids", "unit_ids")

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        led = [(unit, department) for unit, department, role in rows if role == MembershipRole.LEADER]
        self.unit_ids = frozenset(unit for unit, _, _ in rows)
        self.led_unit_ids = frozenset(unit for unit, _ in led)
        self.led_department_ids = frozenset(department for _, department in led)


def _units(user: Any) -> _Units:
    """The user's units from one query, kept on the user object."""
    found: _Units | None = getattr(user, "_kompas_units", None)
    if found is None:
        found = user._kompas_units = _Units(_UNITS.rows(user=user.pk))
    return found


def unit_ids(user: Any) -> frozenset[int]:
    """The units this user is a member of, in any role (cached on the user object for the request)."""
    return _units(user).unit_ids


def led_unit_ids(user: Any) -> frozenset[int]:
    """The units this user leads (cached on the user object for the request)."""
    return _units(user).led_unit_ids


def led_department_ids(user: Any) -> frozenset[int]:
    """The departments in which this user leads a unit (cached on the user object for the request)."""
    return _units(user).led_department_ids
