from django.utils.translation import gettext_lazy as _

from kompas.core.navigation import GROUP_COCREATION
from kompas.core.registration import Backlinks, FrontPanel, KompasAppConfig, Nav


class HearingsConfig(KompasAppConfig):
    name = "kompas.hearings"
    label = "hearings"
    verbose_name = _("Hearings and foretræde")
    register_modules = (".object_access", ".paths")
    verbs = ".verbs"
    navigation = (
        Nav(_("Hearings"), "hearings:list", order=35, group=GROUP_COCREATION),
        Nav(
            _("Requests to meet a committee"),
            "hearings:foretraede-queue",
            order=36,
            rule=".permissions.can_read_foretraede_queue",
            group=GROUP_COCREATION,
        ),
    )
    panels = (
        FrontPanel(
            key="open-hearings",
            order=25,
            build=".panels.open_hearings",
            template="hearings/partials/panel.html",
            shared=True,
        ),
    )
    personal_data = ".personal.PROVIDER"
    # A goal sent to hearing, and the dialogue forum that is a hearing's statement round, link back to it.
    backlinks = (
        Backlinks(
            key="hearings",
            heading=_("Hearings"),
            models=".selectors.BACKLINK_MODELS",
            links=".selectors.backlinks",
            order=50,
        ),
    )
