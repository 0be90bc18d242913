from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrialsConfig(AppConfig):
    name = "kompas.trials"
    label = "trials"
    verbose_name = _("Afprøvninger – trials")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import learnings as shared_learnings
        from kompas.core import navigation, personal_data, welcome

        from . import learnings, panels, personal, search
        from .permissions import can_view_trials

        navigation.register(
            navigation.NavItem(
                _("Trials"),
                "trials:list",
                order=35,
                rule=can_view_trials,
                group=navigation.GROUP_COCREATION,
            )
        )
        personal_data.register(personal.PROVIDER)
        shared_learnings.register_source("trial", learnings.source)
        search.register()
        welcome.register(
            welcome.Panel(
                key="my-trials", order=46, build=panels.my_trials, template="trials/partials/panel.html"
            )
        )
