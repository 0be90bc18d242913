from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityGoalsConfig(AppConfig):
    name = "kompas.citygoals"
    label = "citygoals"
    verbose_name = _("City goals")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, welcome
        from kompas.core.roles import is_programme_staff

        from . import panels, search

        navigation.register(
            navigation.NavItem(_("City goals"), "citygoals:list", order=20, group=navigation.GROUP_GOALS)
        )
        navigation.register(
            navigation.NavItem(
                _("Manage city goals"),
                "citygoals:manage",
                order=90,
                rule=is_programme_staff,
                staff_only=True,
                group=navigation.GROUP_ADMINISTRATION,
            )
        )
        welcome.register(
            welcome.Panel(
                key="citygoals", order=50, build=panels.city_goals, template="citygoals/partials/panel.html"
            )
        )
        search.register()
