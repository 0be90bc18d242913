"""What Målkompasset holds on the compass's paths (``kompas.core.paths``): goals are a way to lead, follow-ups
a way to learn. Built from the goals' own list and page rule (``can_view_goals``) and their own rule for
changing a goal (``can_edit_goal``). A follow-up is read by the rule of its goal's pages (ADR 0015)."""

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompas.core import object_access, paths

from . import selectors
from .models import FollowUp
from .permissions import can_edit_goal, can_view_goals


@rules.predicate
def edits_goal_of(user, follow_up) -> bool:
    """A follow-up is tagged by whoever may change its goal."""
    return bool(can_edit_goal.test(user, follow_up.goal))


GOALS = paths.declare(
    key="goals",
    heading=_("Goals in Målkompasset"),
    order=70,
    label="goals.goal",
    kind_label=_("Goal"),
    natural={"lead"},
    visible=lambda user: selectors.goals_for_list(user=user, filters=selectors.GoalFilters()),
    show=lambda goal, user: paths.Shown(
        title=goal.title,
        url=goal.get_absolute_url(),
        summary=goal.value_statement,
        date=goal.updated_at,
        status_label=goal.get_status_display(),
    ),
    may_change=can_edit_goal,
    rule=can_view_goals,
)

FOLLOW_UPS = paths.declare(
    key="follow-ups",
    heading=_("Follow-ups and what they taught us"),
    order=50,
    label="goals.followup",
    kind_label=_("Follow-up"),
    natural={"learn"},
    visible=lambda user: (
        FollowUp.objects.filter(goal__archived_at__isnull=True)
        .select_related("goal")
        .order_by("-written_on", "-id")
    ),
    show=lambda follow_up, user: paths.Shown(
        title=str(follow_up.goal.title),
        url=reverse("goals:learning-log", kwargs={"pk": follow_up.goal_id}),
        summary=follow_up.learned,
        date=follow_up.written_on,
    ),
    may_change=edits_goal_of,
    related=("goal",),
    rule=can_view_goals,
)


def follow_up_for_user(user, pk):
    if not can_view_goals.test(user):
        return None
    return FollowUp.objects.select_related("goal").filter(pk=pk).first()


def register() -> None:
    object_access.register("goals.followup", follow_up_for_user)
    paths.register(GOALS)
    paths.register(FOLLOW_UPS)
