from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_COCREATION
from kompas.core.registration import KompasAppConfig, Nav


class DialoguesConfig(KompasAppConfig):
    name = "kompas.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogue forums")
    register_modules = (".object_access", ".search", ".paths")
    verbs = ".verbs"
    navigation = (Nav(_("Dialogues"), "dialogues:list", order=25, group=GROUP_COCREATION),)
    personal_data = ".personal.PROVIDER"
