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

    def ready(self) -> None:
        super().ready()
        from kompas.core.versions import bump_on_change

        from .models import WaveResults

        # Results are stored by a background task that records no audit entry: the pages show them at once.
        bump_on_change(WaveResults)
