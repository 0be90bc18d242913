from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_ADMINISTRATION, GROUP_KNOWLEDGE
from kompas.core.registration import FrontPanel, KompasAppConfig, Nav


class CompassConfig(KompasAppConfig):
    name = "kompas.compass"
    label = "compass"
    verbose_name = _("The compass – the four paths and the three pivots")
    register_modules = (".lenses",)
    verbs = ".verbs"
    personal_data = ".personal.PROVIDER"
    navigation = (
        Nav(_("The four paths"), "compass:index", order=50, group=GROUP_KNOWLEDGE),
        Nav(
            _("Paths and pivots"),
            "compass:manage",
            order=91,
            rule="kompas.core.roles.is_programme_staff",
            staff_only=True,
            group=GROUP_ADMINISTRATION,
        ),
    )
    panels = (
        FrontPanel(
            key="compass-vision", order=1, build=".panels.vision", template="compass/partials/vision.html"
        ),
        FrontPanel(
            key="compass-open-now",
            order=60,
            build=".panels.open_now",
            template="compass/partials/open_now.html",
        ),
        FrontPanel(
            key="compass-stories",
            order=62,
            build=".panels.stories",
            template="compass/partials/stories.html",
            shared=True,
        ),
        FrontPanel(
            key="compass-paths",
            order=68,
            build=".panels.paths",
            template="compass/partials/paths.html",
            shared=True,
        ),
    )
