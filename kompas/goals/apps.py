from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "kompas.goals"
    label = "goals"
    verbose_name = _("Målkompasset – goals")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data, welcome
        from kompas.core.learnings import register_source

        from . import panels, personal, search
        from .permissions import can_view_goals
        from .services import shared_follow_up_learnings

        navigation.register(
            navigation.NavItem(
                _("Goals"), "goals:list", order=10, rule=can_view_goals, group=navigation.GROUP_GOALS
            )
        )
        welcome.register(
            welcome.Panel(
                key="goals-due", order=20, build=panels.due_follow_ups, template="goals/partials/panel.html"
            )
        )
        personal_data.register(personal.PROVIDER)
        # Shared follow-up learnings for the knowledge library (kompas.core.learnings).
        register_source("follow_up", shared_follow_up_learnings)
        search.register()
