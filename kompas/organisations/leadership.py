"""What a person leads: the units where they are a leader, and the departments of those units.

Each answer is read once per user object (one request) and kept on it; the apps' permission predicates ask here
instead of each querying the memberships again.
"""

from typing import Any

from django.db.models import IntegerField

from kompas.core.statements import Param, Statement

from .choices import MembershipRole
from .models import Membership

# Compiled once per process with the user's id as a parameter (kompas.core.statements): most pages ask.
_LED = Statement(
    lambda: Membership.objects.filter(
        user_id=Param("user", IntegerField()), unit__isnull=False, role=MembershipRole.LEADER
    ).values_list("unit_id", "unit__department_id")
)


def _led(user: Any, cache: str) -> frozenset[int]:
    """Both answers from one query, kept on the user object."""
    found: frozenset[int] | None = getattr(user, cache, None)
    if found is None:
        rows = _LED.rows(user=user.pk)
        user._led_unit_ids = frozenset(unit for unit, _ in rows)
        user._led_department_ids = frozenset(department for _, department in rows)
        found = getattr(user, cache)
    return found


def led_unit_ids(user: Any) -> frozenset[int]:
    """The units this user leads (cached on the user object for the request)."""
    return _led(user, "_led_unit_ids")


def led_department_ids(user: Any) -> frozenset[int]:
    """The departments in which this user leads a unit (cached on the user object for the request)."""
    return _led(user, "_led_department_ids")
