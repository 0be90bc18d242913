"""Who may do what with a goal. Predicates take (user, goal)."""

import rules

from kompas.core.roles import is_leader, is_programme_staff, is_staff_member
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership


def _unit_roles(user, goal) -> set[str]:
    known = getattr(goal, "owner_unit_roles", None)  # {user pk: roles}, from selectors.goal_get_for_detail
    if known is not None and user.pk in known:
        return known[user.pk]
    cache = getattr(user, "_goal_unit_roles", None)
    if cache is None:
        cache = {}
        # No ordering: the memberships' default order would join the user, unit, department and partner.
        memberships = Membership.objects.filter(user=user, unit__isnull=False).order_by()
        for unit_id, role in memberships.values_list("unit_id", "role"):
            cache.setdefault(unit_id, set()).add(role)
        user._goal_unit_roles = cache
    return cache.get(goal.owner_unit_id, set())


@rules.predicate
def is_goal_owner(user, goal) -> bool:
    return goal is not None and goal.owner_id == user.pk


@rules.predicate
def leads_owner_unit(user, goal) -> bool:
    return goal is not None and MembershipRole.LEADER in _unit_roles(user, goal)


@rules.predicate
def works_in_owner_unit(user, goal) -> bool:
    return goal is not None and bool(_unit_roles(user, goal))


@rules.predicate
def co_created_goal(user, goal) -> bool:
    if goal is None:
        return False
    known = getattr(goal, "co_created_by", None)  # {user pk: bool}, from selectors.goal_get_for_detail
    if known is not None and user.pk in known:
        return bool(known[user.pk])
    # Uses the prefetched co-creators when the accessor fetched them.
    return any(person.pk == user.pk for person in goal.co_creators_staff.all())


# Reading goals (internal ones included) is for municipal staff.
can_view_goals = is_staff_member
# Leaders create goals in their units; programme staff anywhere.
can_create_goal = is_leader
# The owner, the owner unit's leaders and programme staff edit, archive and set status.
can_edit_goal = is_staff_member & (is_goal_owner | leads_owner_unit | is_programme_staff)
# Everyone working on the goal writes follow-ups and stories and adds data.
can_contribute = is_staff_member & (
    is_goal_owner | leads_owner_unit | works_in_owner_unit | co_created_goal | is_programme_staff
)
can_manage_questions = is_programme_staff

rules.add_perm("goals.view_goal", can_view_goals)
rules.add_perm("goals.change_goal", can_edit_goal)
rules.add_perm("goals.contribute_goal", can_contribute)
