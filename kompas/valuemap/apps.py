from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueMapConfig(AppConfig):
    name = "kompas.valuemap"
    label = "valuemap"
    verbose_name = _("Value map")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation
        from kompas.core.roles import is_programme_staff

        navigation.register(
            navigation.NavItem(_("Value map"), "valuemap:overview", order=15, group=navigation.GROUP_GOALS)
        )
        navigation.register(
            navigation.NavItem(
                _("Publish"),
                "valuemap:publish",
                order=91,
                rule=is_programme_staff,
                staff_only=True,
                group=navigation.GROUP_ADMINISTRATION,
            )
        )
