from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "kompas.activity"
    label = "activity"
    verbose_name = _("Activity and notifications")

    def ready(self) -> None:
        from rules import is_authenticated

        from kompas.core import navigation, personal_data, welcome

        from . import panels, personal

        navigation.register(
            navigation.NavItem(_("Notifications"), "activity:notifications", order=80, rule=is_authenticated)
        )
        personal_data.register(personal.PROVIDER)
        welcome.register(
            welcome.Panel(
                key="notifications",
                order=10,
                build=panels.notifications,
                template="activity/partials/panel.html",
            )
        )
