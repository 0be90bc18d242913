from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_COCREATION
from kompas.core.registration import FrontPanel, KompasAppConfig, LearningSource, Nav


class TrialsConfig(KompasAppConfig):
    name = "kompas.trials"
    label = "trials"
    verbose_name = _("Afprøvninger – trials")
    register_modules = (".object_access", ".search", ".paths")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Trials"), "trials:list", order=35, rule=".permissions.can_view_trials", group=GROUP_COCREATION
        ),
    )
    personal_data = ".personal.PROVIDER"
    learnings = (LearningSource("trial", ".learnings.source"),)
    panels = (
        FrontPanel(
            key="my-trials", order=46, build=".panels.my_trials", template="trials/partials/panel.html"
        ),
    )
