from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_DEVELOPMENT
from kompas.core.registration import KompasAppConfig, Nav


class CouncilConfig(KompasAppConfig):
    name = "kompas.council"
    label = "council"
    verbose_name = _("Byrådet – the city council's place")
    register_modules = (".object_access",)
    verbs = ".verbs"
    navigation = (
        Nav(
            _("The city council"),
            "council:index",
            order=65,
            rule=".permissions.can_use_council",
            group=GROUP_DEVELOPMENT,
        ),
    )
