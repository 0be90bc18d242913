"""The authorization matrix's users for the roles outside the municipal staff (DESIGN §2)."""

import pytest

from conftest import PASSWORD
from kompas.core.roles import RoleCode

EXTRA_ROLE_USERS = {
    "partner": ("partner@test.kompas.dk", "Paula Partner", [RoleCode.PARTNER]),
    "assessor": ("bedoemmer@test.kompas.dk", "Bent Bedømmer", [RoleCode.ASSESSOR]),
    "advisory": ("advisory@test.kompas.dk", "Asta Advisory", [RoleCode.ADVISORY]),
    "politician": ("byraad@test.kompas.dk", "Bodil Byrådsmedlem", [RoleCode.POLITICIAN]),
}


@pytest.fixture
def role_users(role_users):
    """The project's role users (the root conftest) and one user for each role outside the staff."""
    from kompas.accounts.services import user_create

    users = role_users | {
        role: user_create(email=email, full_name=name, password=PASSWORD, roles=roles, actor=None)
        for role, (email, name, roles) in EXTRA_ROLE_USERS.items()
    }
    return users | council_seats()


# Politicians with a seat (kompas.core.access_matrix.COUNCIL_ROLES): role -> (e-mail, name, committee, group chair).
COUNCIL_SEATS = {
    "committee_member": ("udvalg@test.kompas.dk", "Ulla Udvalgsmedlem", "boern-og-unge-udvalget", False),
    "group_chair": ("gruppeformand@test.kompas.dk", "Gorm Gruppeformand", "teknik-og-miljoeudvalget", True),
}


def council_seats() -> dict:
    from kompas.council.tests.factories import politician, seat

    users = {}
    for role, (email, name, committee, group_chair) in COUNCIL_SEATS.items():
        users[role] = politician(email, name)
        seat(users[role], committee, group_chair=group_chair)
    return users
