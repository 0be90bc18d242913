"""Who may use the city council's place. Predicates take (user) or (user, committee).

A committee's page is for its members and programme staff (Borgmesterens Afdeling keeps the council informed);
another politician gets the same 404 as for a missing committee. The yearly evaluation is for every member of
the city council and programme staff; the projects in development are for the parties' group chairs.
"""

import rules

from kompas.core.roles import RoleCode, has_any_role, is_programme_staff

from .models import CommitteeMembership

is_politician = has_any_role(RoleCode.POLITICIAN)


def _memberships(user) -> list[tuple[int, bool]]:
    """The user's (committee id, group chair) pairs, cached on the user object for the request."""
    cache = getattr(user, "_council_memberships", None)
    if cache is None:
        cache = []
        if getattr(user, "is_authenticated", False) and is_politician.test(user):
            cache = list(
                CommitteeMembership.objects.filter(user=user, committee__is_active=True).values_list(
                    "committee_id", "is_group_chair"
                )
            )
        user._council_memberships = cache
    return cache


def committee_ids(user) -> set[int]:
    return {committee_id for committee_id, _chair in _memberships(user)}


@rules.predicate
def is_committee_member(user, committee) -> bool:
    return committee is not None and committee.pk in committee_ids(user)


@rules.predicate
def is_group_chair(user) -> bool:
    return any(chair for _committee_id, chair in _memberships(user))


# The council's start page and the yearly evaluation: every council member and programme staff.
can_use_council = is_politician | is_programme_staff
can_read_evaluation = can_use_council
# A committee's page and digest: its members; programme staff see every committee's page.
can_read_committee = is_programme_staff | (is_politician & is_committee_member)
# The innovation projects in their development phase: the parties' group chairs (seed 004 §6).
can_see_development = is_programme_staff | (is_politician & is_group_chair)
