"""Who may do what on the farewell list. Predicates on a proposal take (user, proposal)."""

import rules

from kompas.core.roles import is_programme_staff, is_staff_member
from kompas.organisations.leadership import led_department_ids, led_unit_ids


@rules.predicate
def leads_owner_unit(user, proposal) -> bool:
    return proposal is not None and proposal.owner_unit_id in led_unit_ids(user)


@rules.predicate
def leads_in_owner_department(user, proposal) -> bool:
    """A department-level item is decided by the leaders in that department (and programme staff)."""
    return (
        proposal is not None
        and proposal.owner_department_id is not None
        and proposal.owner_department_id in led_department_ids(user)
    )


@rules.predicate
def is_proposer(user, proposal) -> bool:
    return proposal is not None and proposal.proposer_id == user.pk


# Every member of staff may read the list and propose. The owner decides: a unit's leaders, the leaders in an
# owning department, and programme staff (Borgmesterens Afdeling) – who alone decide items owned by the whole
# municipality (rules, values, budget goals for everyone), as they prepare them for the directors' group.
can_view_farewells = is_staff_member
can_propose = is_staff_member
can_decide = is_staff_member & (leads_owner_unit | leads_in_owner_department | is_programme_staff)
# The proposer and the deciders see who proposed it and the internal note's absence or presence.
can_see_proposer = is_staff_member & (
    is_proposer | leads_owner_unit | leads_in_owner_department | is_programme_staff
)

rules.add_perm("stoplist.view_farewellproposal", can_view_farewells)
rules.add_perm("stoplist.decide_farewellproposal", can_decide)
