"""What a person leads: the units where they are a leader, and the departments of those units.

Each answer is read once per user object (one request) and kept on it; the apps' permission predicates ask here
instead of each querying the memberships again.
"""

from typing import Any

from .choices import MembershipRole
from .models import Membership


def _led(user: Any, column: str, cache: str) -> frozenset[int]:
    found: frozenset[int] | None = getattr(user, cache, None)
    if found is None:
        found = frozenset(
            Membership.objects.filter(user=user, unit__isnull=False, role=MembershipRole.LEADER).values_list(
                column, flat=True
            )
        )
        setattr(user, cache, found)
    return found


def led_unit_ids(user: Any) -> frozenset[int]:
    """The units this user leads (cached on the user object for the request)."""
    return _led(user, "unit_id", "_led_unit_ids")


def led_department_ids(user: Any) -> frozenset[int]:
    """The departments in which this user leads a unit (cached on the user object for the request)."""
    return _led(user, "unit__department_id", "_led_department_ids")
