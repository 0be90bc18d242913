from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "kompas.collaborations"
    label = "collaborations"
    verbose_name = _("Samarbejdskompasset – collaborations")

    def ready(self) -> None:
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
