from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "kompas.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogue forums")

    def ready(self) -> None:
        from kompas.activity.verbs import register_module

        from . import object_access, verbs

        object_access.register()
        register_module(self.label, verbs)

        from kompas.core import navigation, personal_data

        from . import personal, search

        navigation.register(
            navigation.NavItem(_("Dialogues"), "dialogues:list", order=25, group=navigation.GROUP_COCREATION)
        )
        personal_data.register(personal.PROVIDER)
        search.register()
