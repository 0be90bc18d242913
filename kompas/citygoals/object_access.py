"""Who may read a city goal or the vision: the public pages show the active city goals and the vision; the
programme staff's page shows the inactive ones too (ADR 0015)."""

import rules
from django.http import Http404

from kompas.core import object_access
from kompas.core.roles import is_programme_staff

from . import selectors
from .models import Vision


def city_goal_for_user(user, pk):
    try:
        goal = selectors.city_goal_get_by_pk(pk=pk)
    except Http404:
        return None
    return goal if goal.is_active or is_programme_staff.test(user) else None


def register() -> None:
    object_access.register("citygoals.citygoal", city_goal_for_user)
    object_access.register("citygoals.vision", object_access.by_rule(Vision, rules.always_allow))
