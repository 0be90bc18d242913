"""Who may read a goal, a version of the reflection questions or the goal setting: the goals' own rules
(ADR 0015)."""

from kompas.core import object_access

from . import selectors
from .models import GoalPolicy, ReflectionQuestionSet
from .permissions import can_manage_questions, can_view_goals


def register() -> None:
    object_access.register("goals.goal", object_access.from_guarded(selectors.goal_get_for_user))
    object_access.register(
        "goals.reflectionquestionset", object_access.by_rule(ReflectionQuestionSet, can_view_goals)
    )
    object_access.register("goals.goalpolicy", object_access.by_rule(GoalPolicy, can_manage_questions))
