from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_KNOWLEDGE
from kompas.core.registration import KompasAppConfig, LearningSource, Nav


class LearningConfig(KompasAppConfig):
    name = "kompas.learning"
    label = "learning"
    verbose_name = _("Trænings- og læringsfora – learning forums")
    register_modules = (".object_access", ".paths")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Learning forums"),
            "learning:list",
            order=75,
            rule=".permissions.can_view_learning",
            group=GROUP_KNOWLEDGE,
        ),
    )
    personal_data = ".personal.PROVIDER"
    learnings = (LearningSource("learning_session", ".learnings.source"),)
