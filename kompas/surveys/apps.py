from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kompas.surveys"
    label = "surveys"
    verbose_name = _("Aarhuskompas-målingen – staff survey")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data

        from . import personal
        from .permissions import can_view_results

        navigation.register(
            navigation.NavItem(
                _("Staff survey"),
                "surveys:index",
                order=58,
                rule=can_view_results,
                group=navigation.GROUP_KNOWLEDGE,
            )
        )
        personal_data.register(personal.PROVIDER)
