from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_COCREATION
from kompas.core.registration import KompasAppConfig, Nav


class CollaborationsConfig(KompasAppConfig):
    name = "kompas.collaborations"
    label = "collaborations"
    verbose_name = _("Samarbejdskompasset – collaborations")
    register_modules = (".object_access", ".search", ".paths", ".standard_texts")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Collaborations"),
            "collaborations:list",
            order=30,
            rule=".permissions.can_view_collaborations",
            group=GROUP_COCREATION,
        ),
    )
    personal_data = ".personal.PROVIDER"
