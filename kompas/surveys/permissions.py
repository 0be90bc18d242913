"""Who may do what in Aarhuskompas-målingen."""

import rules

from kompas.core.roles import is_leader, is_programme_staff

# Programme staff run the survey: instruments, populations, waves.
can_manage_surveys = is_programme_staff
# Leaders (and programme staff) read the disclosure-controlled patterns.
can_view_results = is_leader


@rules.predicate
def leads_unit(user, unit) -> bool:
    from .selectors import led_unit_ids

    return unit is not None and unit.pk in led_unit_ids(user)


# A unit's own page: its leaders, and programme staff for every unit.
can_view_unit = is_leader & (leads_unit | is_programme_staff)

rules.add_perm("surveys.manage", can_manage_surveys)
rules.add_perm("surveys.view_results", can_view_results)
