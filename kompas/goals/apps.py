from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_GOALS
from kompas.core.registration import FrontPanel, KompasAppConfig, LearningSource, Nav


class GoalsConfig(KompasAppConfig):
    name = "kompas.goals"
    label = "goals"
    verbose_name = _("Målkompasset – goals")
    register_modules = (".object_access", ".search", ".paths", ".standard_texts")
    verbs = ".verbs"
    navigation = (
        Nav(_("Goals"), "goals:list", order=10, rule=".permissions.can_view_goals", group=GROUP_GOALS),
    )
    panels = (
        FrontPanel(
            key="goals-due", order=20, build=".panels.due_follow_ups", template="goals/partials/panel.html"
        ),
    )
    personal_data = ".personal.PROVIDER"
    # Shared follow-up learnings for the knowledge library (kompas.core.learnings).
    learnings = (LearningSource("follow_up", ".services.shared_follow_up_learnings"),)
