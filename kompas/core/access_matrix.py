"""The authorization matrix: for every URL, the status each role should get.

Each app lists its URLs in ``<app>/tests/matrix.py`` as ``ENTRIES = {"app:name": Expect(...)}``; the test
``tests/test_authorization_matrix.py`` walks every URL pattern of the project and fails for one without an
entry, then requests each URL as every role and compares the status.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# DESIGN §2: partner (association/business), assessor (bedømmelsesteam), advisory (advisory board) and
# politician (byrådsmedlem) are signed-in roles outside the municipal staff (kompas.core.roles.STAFF_ROLES).
ROLES = (
    "anonymous",
    "citizen",
    "partner",
    "employee",
    "leader",
    "programme",
    "assessor",
    "advisory",
    "politician",
    "admin",
)
# Signed in, but not municipal staff: what a citizen gets on a staff page, these roles get too.
OUTSIDERS = ("partner", "assessor", "advisory", "politician")
# Politicians with a seat (kompas.council): a member of a standing committee (Børn og Unge-udvalget) and a party's
# group chair (on Teknik- og Miljøudvalget); ROLES's "politician" sits on no committee. The matrix walks these
# roles for the entries that name them (``council_seats``); elsewhere they are politicians like any other.
COUNCIL_ROLES = ("committee_member", "group_chair")


def council_seats(profile: dict[str, int], **statuses: int) -> dict[str, int]:
    """``profile`` with the council roles' statuses; a role not given gets what "politician" gets."""
    assert set(statuses) <= set(COUNCIL_ROLES), statuses
    return {**profile, **dict.fromkeys(COUNCIL_ROLES, profile["politician"]), **statuses}


def _profile(**statuses: int) -> dict[str, int]:
    assert set(statuses) == set(ROLES), statuses
    return statuses


def _outside(status: int) -> dict[str, int]:
    return dict.fromkeys(OUTSIDERS, status)


PUBLIC = _profile(
    anonymous=200, citizen=200, employee=200, leader=200, programme=200, admin=200, **_outside(200)
)
SIGNED_IN = _profile(
    anonymous=302, citizen=200, employee=200, leader=200, programme=200, admin=200, **_outside(200)
)
STAFF = _profile(
    anonymous=302, citizen=403, employee=200, leader=200, programme=200, admin=200, **_outside(403)
)
LEADERS = _profile(
    anonymous=302, citizen=403, employee=403, leader=200, programme=200, admin=200, **_outside(403)
)
PROGRAMME = _profile(
    anonymous=302, citizen=403, employee=403, leader=403, programme=200, admin=200, **_outside(403)
)
ADMIN = _profile(
    anonymous=302, citizen=403, employee=403, leader=403, programme=403, admin=200, **_outside(403)
)
# A staff page of one object that needs a place on it: the owner (the leader in the test data), programme staff
# and administrators; an employee without a place gets the same 404 as for a missing object.
OBJECT_MANAGERS = _profile(
    anonymous=302, citizen=403, employee=404, leader=200, programme=200, admin=200, **_outside(403)
)


def everyone(status: int) -> dict[str, int]:
    """Every role gets the same status."""
    return dict.fromkeys(ROLES, status)


def redirecting(profile: dict[str, int]) -> dict[str, int]:
    """The same access, for a view that redirects (302) when allowed, e.g. after a POST."""
    return {role: 302 if status == 200 else status for role, status in profile.items()}


def api(profile: dict[str, int]) -> dict[str, int]:
    """The same access for an API endpoint: anonymous gets 401 instead of a redirect to the login page."""
    return {role: 401 if status == 302 else status for role, status in profile.items()}


@dataclass(frozen=True)
class Expect:
    statuses: dict[str, int]
    method: str = "get"
    kwargs: Callable[[], dict[str, Any]] | None = None  # builds the URL's arguments from the test database
    data: Callable[[], dict[str, Any]] | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
