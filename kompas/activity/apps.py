from django.utils.translation import gettext_lazy as _

from kompas.core.registration import FrontPanel, KompasAppConfig, Nav


class ActivityConfig(KompasAppConfig):
    name = "kompas.activity"
    label = "activity"
    verbose_name = _("Activity and notifications")
    navigation = (Nav(_("Notifications"), "activity:notifications", order=80, rule="rules.is_authenticated"),)
    personal_data = ".personal.PROVIDER"
    panels = (
        FrontPanel(
            key="notifications",
            order=10,
            build=".panels.notifications",
            template="activity/partials/panel.html",
        ),
    )

    def ready(self) -> None:
        super().ready()
        from . import verbs

        verbs.register_apps()  # the audit verbs every app declares on its config
