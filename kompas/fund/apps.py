from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "kompas.fund"
    label = "fund"
    verbose_name = _("Udviklingspuljen – the innovation fund")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module
        from kompas.core import learnings, navigation, personal_data, welcome

        from . import object_access, panels, personal, search, services, verbs

        object_access.register()
        register_module(self.label, verbs)

        navigation.register(
            navigation.NavItem(
                _("Innovation fund"), "fund:index", order=40, group=navigation.GROUP_DEVELOPMENT
            )
        )
        personal_data.register(personal.PROVIDER)
        learnings.register_source("fund_report", services.shared_learnings)
        search.register()
        welcome.register(
            welcome.Panel(
                key="fund-work", order=45, build=panels.fund_work, template="fund/partials/panel.html"
            )
        )
