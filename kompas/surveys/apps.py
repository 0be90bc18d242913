from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_KNOWLEDGE
from kompas.core.registration import KompasAppConfig, Nav


class SurveysConfig(KompasAppConfig):
    name = "kompas.surveys"
    label = "surveys"
    verbose_name = _("Aarhuskompas-målingen – staff survey")
    register_modules = (".object_access", ".invitations")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Staff survey"),
            "surveys:index",
            order=58,
            rule=".permissions.can_view_results",
            group=GROUP_KNOWLEDGE,
        ),
    )
    personal_data = ".personal.PROVIDER"
