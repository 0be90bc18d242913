from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoplistConfig(AppConfig):
    name = "kompas.stoplist"
    label = "stoplist"
    verbose_name = _("Det siger vi farvel til – the farewell list")

    def ready(self) -> None:
        from kompas.core import navigation, personal_data

        from . import personal
        from .permissions import can_view_farewells

        navigation.register(
            navigation.NavItem(_("Farewell list"), "stoplist:list", order=60, rule=can_view_farewells)
        )
        personal_data.register(personal.PROVIDER)
