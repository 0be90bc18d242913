from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_DEVELOPMENT
from kompas.core.registration import FrontPanel, KompasAppConfig, Nav


class StoplistConfig(KompasAppConfig):
    name = "kompas.stoplist"
    label = "stoplist"
    verbose_name = _("Det siger vi farvel til – the farewell list")
    register_modules = (".object_access", ".search", ".paths")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Farewell list"),
            "stoplist:list",
            order=50,
            rule=".permissions.can_view_farewells",
            group=GROUP_DEVELOPMENT,
        ),
        # The public list has its own entry for everyone outside the staff (staff reach it from the list).
        Nav(
            _("What we said goodbye to"),
            "stoplist:public",
            order=51,
            rule="~.permissions.can_view_farewells",
            group=GROUP_DEVELOPMENT,
        ),
    )
    panels = (
        FrontPanel(
            key="farewells-to-decide",
            order=40,
            build=".panels.to_decide",
            template="stoplist/partials/panel.html",
        ),
        FrontPanel(
            key="farewell-hours",
            order=64,
            build=".panels.hours_freed",
            template="stoplist/partials/hours_panel.html",
            shared=True,
        ),
    )
    personal_data = ".personal.PROVIDER"
