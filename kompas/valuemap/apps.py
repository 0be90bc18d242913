from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_ADMINISTRATION, GROUP_GOALS
from kompas.core.registration import KompasAppConfig, Nav


class ValueMapConfig(KompasAppConfig):
    name = "kompas.valuemap"
    label = "valuemap"
    verbose_name = _("Value map")
    register_modules = (".object_access", ".search")
    verbs = ".verbs"
    navigation = (
        Nav(_("Value map"), "valuemap:overview", order=15, group=GROUP_GOALS),
        Nav(
            _("Publish"),
            "valuemap:publish",
            order=91,
            rule="kompas.core.roles.is_programme_staff",
            staff_only=True,
            group=GROUP_ADMINISTRATION,
        ),
    )
