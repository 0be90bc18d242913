from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "kompas.collaborations"
    label = "collaborations"
    verbose_name = _("Samarbejdskompasset – collaborations")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data

        from . import personal, search
        from .permissions import can_view_collaborations

        navigation.register(
            navigation.NavItem(
                _("Collaborations"),
                "collaborations:list",
                order=30,
                rule=can_view_collaborations,
                group=navigation.GROUP_COCREATION,
            )
        )
        personal_data.register(personal.PROVIDER)
        search.register()
