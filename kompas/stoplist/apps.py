from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoplistConfig(AppConfig):
    name = "kompas.stoplist"
    label = "stoplist"
    verbose_name = _("Det siger vi farvel til – the farewell list")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data, welcome

        from . import panels, personal, search
        from .permissions import can_view_farewells

        navigation.register(
            navigation.NavItem(
                _("Farewell list"),
                "stoplist:list",
                order=50,
                rule=can_view_farewells,
                group=navigation.GROUP_DEVELOPMENT,
            )
        )
        # The public list has its own entry for everyone outside the staff (staff reach it from the list).
        navigation.register(
            navigation.NavItem(
                _("What we said goodbye to"),
                "stoplist:public",
                order=51,
                rule=~can_view_farewells,
                group=navigation.GROUP_DEVELOPMENT,
            )
        )
        welcome.register(
            welcome.Panel(
                key="farewells-to-decide",
                order=40,
                build=panels.to_decide,
                template="stoplist/partials/panel.html",
            )
        )
        personal_data.register(personal.PROVIDER)
        search.register()
