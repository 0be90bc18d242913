"""Who may do what with a trial. Predicates take (user, trial)."""

import rules

from kompas.core.roles import is_programme_staff, is_staff_member
from kompas.organisations.choices import MembershipRole
from kompas.organisations.models import Membership


def _unit_roles(user) -> dict[int, set[str]]:
    cache = getattr(user, "_trial_unit_roles", None)
    if cache is None:
        cache = {}
        for unit_id, role in Membership.objects.filter(user=user, unit__isnull=False).values_list(
            "unit_id", "role"
        ):
            cache.setdefault(unit_id, set()).add(role)
        user._trial_unit_roles = cache
    return cache


@rules.predicate
def is_trial_owner(user, trial) -> bool:
    return trial is not None and trial.owner_id == user.pk


@rules.predicate
def leads_trial_unit(user, trial) -> bool:
    """A leader of the lead unit or of any co-owner unit (a trial across departments)."""
    if trial is None:
        return False
    roles = _unit_roles(user)
    return any(MembershipRole.LEADER in roles.get(unit_id, set()) for unit_id in trial.owner_unit_ids())


@rules.predicate
def works_in_trial_unit(user, trial) -> bool:
    return trial is not None and bool(trial.owner_unit_ids() & set(_unit_roles(user)))


# Staff read trials and start them (employees run trials, DESIGN §2).
can_view_trials = is_staff_member
can_create_trial = is_staff_member
# The owner, the leaders of every owner unit (lead and co-owners) and programme staff edit the trial and
# decide after each iteration.
can_manage_trial = is_staff_member & (is_trial_owner | leads_trial_unit | is_programme_staff)
# Those plus everyone in an owner unit write iterations.
can_contribute_trial = is_staff_member & (
    is_trial_owner | leads_trial_unit | works_in_trial_unit | is_programme_staff
)

rules.add_perm("trials.view_trial", can_view_trials)
rules.add_perm("trials.change_trial", can_manage_trial)
