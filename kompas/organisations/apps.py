from django.utils.translation import gettext_lazy as _

from kompas.core.registration import KompasAppConfig, Nav


class OrganisationsConfig(KompasAppConfig):
    name = "kompas.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
    navigation = (Nav(_("Organisation"), "organisations:departments", order=70),)
    personal_data = ".personal.PROVIDER"
