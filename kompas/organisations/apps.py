from django.utils.translation import gettext_lazy as _

from kompas.core.registration import KompasAppConfig, Nav


class OrganisationsConfig(KompasAppConfig):
    name = "kompas.organisations"
    label = "organisations"
    verbose_name = _("Organisations")
    navigation = (Nav(_("Organisation"), "organisations:departments", order=70),)
    personal_data = ".personal.PROVIDER"

    def ready(self) -> None:
        super().ready()
        from kompas.core.versions import bump_on_change

        from .models import Department, Membership, PartnerOrganisation, Unit

        # Who belongs where decides what people may see: no cached page outlives a change, however it was made.
        bump_on_change(Department, Unit, PartnerOrganisation, Membership)
