from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_ADMINISTRATION, GROUP_GOALS
from kompas.core.registration import FrontPanel, KompasAppConfig, Nav


class CityGoalsConfig(KompasAppConfig):
    name = "kompas.citygoals"
    label = "citygoals"
    verbose_name = _("City goals")
    register_modules = (".object_access", ".search")
    verbs = ".verbs"
    navigation = (
        Nav(_("City goals"), "citygoals:list", order=20, group=GROUP_GOALS),
        Nav(
            _("Manage city goals"),
            "citygoals:manage",
            order=90,
            rule="kompas.core.roles.is_programme_staff",
            staff_only=True,
            group=GROUP_ADMINISTRATION,
        ),
    )
    panels = (
        FrontPanel(
            key="citygoals",
            order=50,
            build=".panels.city_goals",
            template="citygoals/partials/panel.html",
            shared=True,
        ),
    )
