"""Who may do what in Samarbejdskompasset. Predicates take (user, collaboration) or (user, round)."""

import rules

from kompas.core.roles import is_leader, is_programme_staff, is_staff_member
from kompas.organisations.leadership import led_unit_ids


@rules.predicate
def is_collaboration_owner(user, collaboration) -> bool:
    return collaboration is not None and collaboration.owner_id == user.pk


@rules.predicate
def leads_collaboration_unit(user, collaboration) -> bool:
    return collaboration is not None and collaboration.owner_unit_id in led_unit_ids(user)


# Staff read collaborations and their (aggregated, threshold-guarded) results.
can_view_collaborations = is_staff_member
# Leaders start collaborations; programme staff anywhere.
can_create_collaboration = is_leader
# The owner, the owner unit's leaders and programme staff manage it, its rounds and its participants.
can_manage_collaboration = is_staff_member & (
    is_collaboration_owner | leads_collaboration_unit | is_programme_staff
)
can_manage_principles = is_programme_staff

rules.add_perm("collaborations.view_collaboration", can_view_collaborations)
rules.add_perm("collaborations.change_collaboration", can_manage_collaboration)
