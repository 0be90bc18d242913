from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_DEVELOPMENT
from kompas.core.registration import Backlinks, KompasAppConfig, Nav


class ProposalsConfig(KompasAppConfig):
    name = "kompas.proposals"
    label = "proposals"
    verbose_name = _("Indstillinger – council proposals")
    register_modules = (".object_access", ".search", ".checks", ".paths")
    verbs = ".verbs"
    navigation = (
        Nav(
            _("Proposals"),
            "proposals:list",
            order=60,
            rule=".permissions.can_view_proposals",
            group=GROUP_DEVELOPMENT,
        ),
        Nav(
            _("Council proposals"),
            "proposals:published",
            order=60,
            rule="~kompas.core.roles.is_staff_member",
            group=GROUP_DEVELOPMENT,
        ),
    )
    personal_data = ".personal.PROVIDER"
    backlinks = (
        Backlinks(
            key="proposals",
            heading=_("Cited in council proposals"),
            models=".selectors.CITATION_FIELDS",
            links=".selectors.backlinks",
            order=10,
        ),
    )
