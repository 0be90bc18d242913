from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kompas.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from kompas.core import navigation, personal_data

        from . import personal

        navigation.register(navigation.NavItem(_("Organisation"), "organisations:departments", order=70))
        personal_data.register(personal.PROVIDER)
